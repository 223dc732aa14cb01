package io.callgate.session;

import java.time.Instant;
import java.util.Map;

/**
 * What one caller has proven in one call.
 *
 * @param callSid the carrier's call identifier
 * @param callerId the caller ID as the carrier gave it (E.164 when it was one)
 * @param line the webhook path of the line or IVR that was called
 * @param claimedIdentity who the caller says or was found to be (a member's phone, an account number); null until known
 * @param proven each factor proven, with when it was proven
 */
public record CallerSession(String callSid, String callerId, String line, String claimedIdentity,
                            Map<Factor, Instant> proven, Instant started, Instant updated) {

    public CallerSession {
        proven = Map.copyOf(proven);
    }

    public boolean hasProven(Factor factor) {
        return proven.containsKey(factor);
    }
}
