/**
 * The command line of the callgate jar: {@code simulate} plays a call, {@code admin} drives the
 * admin API over HTTP. None of it starts Spring; {@code CallgateApplication} starts the server only
 * when no command is given.
 */
package io.callgate.cli;
