package io.callgate.voice.lines;

import io.callgate.voice.CallerIds;
import java.util.Map;

/**
 * One webhook request of a call, as the flow needs it.
 *
 * @param sid the carrier's CallSid; null when missing or unusable
 * @param from the caller ID as sent
 * @param callerId the caller ID in E.164, or null when it names no phone number
 * @param digits the keys pressed, as sent (null when the request carries none)
 * @param attempt how many entries this call already made at this step (from the action URL callgate wrote)
 * @param lineUrl the public URL of the line's webhook, for action URLs
 */
record LineCall(String sid, String from, String callerId, String digits, int attempt, String lineUrl) {

    static LineCall of(Map<String, String> params, String lineUrl) {
        String sid = params.get("CallSid");
        if (sid != null && (sid.isBlank() || sid.length() > 128)) {
            sid = null;
        }
        String from = params.get("From");
        return new LineCall(sid, from, CallerIds.e164(from).orElse(null), params.get("Digits"),
                attempt(params.get("attempt")), lineUrl);
    }

    private static int attempt(String value) {
        if (value == null || !value.matches("[0-9]{1,2}")) {
            return 0;
        }
        return Integer.parseInt(value);
    }

    /** The caller ID for records: E.164 when there is one, else what the carrier sent, shortened. */
    String callerIdForRecords() {
        if (callerId != null) {
            return callerId;
        }
        return from == null ? null : from.length() > 64 ? from.substring(0, 64) : from;
    }
}
