/**
 * Development aids. The dev inbox keeps every message that would go out, in memory, so codes can
 * be read without a phone; the call simulator plays TwiML lines as a carrier would, for people
 * without a phone number and for tests. The inbox and the {@code /dev/call} page are off unless
 * {@code callgate.dev.inbox.enabled} is set; the simulator itself is a plain library.
 */
package io.callgate.dev;
