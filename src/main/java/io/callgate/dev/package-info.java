/**
 * Development aids. The dev inbox keeps every message that would go out, in memory, so codes can
 * be read without a phone; it is off unless {@code callgate.dev.inbox.enabled} is set.
 */
package io.callgate.dev;
