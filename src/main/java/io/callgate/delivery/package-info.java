/**
 * Getting a code to a person: channels (sms, call, email), the messages they carry, and the
 * providers that deliver them.
 */
package io.callgate.delivery;
