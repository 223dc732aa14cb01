/**
 * Conference lines: a phone number's voice webhook that admits callers to a conference room, openly or after a
 * passcode, a caller-ID allow-list, a one-time code or a personal PIN. Lines are managed through
 * {@code /admin/lines} (JSON, or YAML for bulk import) and answered at {@code /voice/lines/{path}}.
 */
package io.callgate.voice.lines;
