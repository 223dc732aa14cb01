/**
 * IVR lines: a caller types an account number and PIN, checked by {@link io.callgate.directory.IvrLogin},
 * then hears a personal greeting and a menu whose answers are configured or fetched from the
 * operator's own HTTP endpoint.
 */
package io.callgate.voice.ivr;
