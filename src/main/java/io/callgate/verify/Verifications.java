package io.callgate.verify;

import io.callgate.delivery.Channel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What other features may do with verifications. */
public interface Verifications {

    /** A request to send a code (a new verification, or a resend of the pending one). */
    record Start(VerifyService service, String to, Channel channel, String locale, String customFriendlyName,
                 String customCode, Map<String, String> rateLimits) {

        @Override
        public String toString() {
            return "Start[" + service.sid() + " " + channel + "]";
        }
    }

    /** A check of a code, by verification sid or by destination. */
    record Check(VerifyService service, String verificationSid, String to, String code) {

        @Override
        public String toString() {
            return "Check[" + service.sid() + " " + verificationSid + "]";
        }
    }

    /** Sends a code; throws the API's error when a limit or a rule refuses. */
    Verification start(Start start);

    /** Checks a code; a wrong code answers the verification still pending (or max_attempts_reached). */
    Verification check(Check check);

    /** Cancels or approves a pending verification. */
    Verification update(VerifyService service, String sid, VerificationStatus status);

    /** The pending verification, as the /v2 API may show it; finished ones are not found. */
    Verification fetchPending(VerifyService service, String sid);

    /** Any verification in any state, for the native outcome endpoint. */
    Optional<Verification> find(String sid);

    List<SendAttempt> attempts(String verificationSid);

    /**
     * The code a call reads once its person pressed a key: only while the verification is pending, on the call
     * channel, and only to the call that delivered this attempt.
     *
     * @param providerId the provider that placed the call
     * @param callSid the carrier's sid of the call that asks
     */
    Optional<String> codeToSpeak(String attemptSid, String providerId, String callSid);

    /** Whether any service makes calls wait for a key press before reading the code. */
    boolean anyServiceRequiresKeypress();
}
