package io.callgate.verify;

import io.callgate.delivery.DeliveryListener;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes what delivery reports onto the send attempts, which the Attempts API and
 * {@code send_code_attempts} show; a verification whose only send failed for good is failed.
 */
@Component
class AttemptRecorder implements DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

    private final SendAttempts attempts;
    private final VerificationStore verifications;
    private final Clock clock;

    AttemptRecorder(SendAttempts attempts, VerificationStore verifications, Clock clock) {
        this.attempts = attempts;
        this.verifications = verifications;
        this.clock = clock;
    }

    @Override
    public void accepted(String reference, String providerId, String providerReference) {
        attempts.recordDelivery(reference, "sent", null, providerId, providerReference, clock.instant());
    }

    @Override
    public void retrying(String reference, String providerId, String error) {
        attempts.recordDelivery(reference, "retrying", null, providerId, null, clock.instant());
    }

    @Override
    public void failed(String reference, String providerId, String errorCode, String error) {
        attempts.recordDelivery(reference, "failed", numeric(errorCode), providerId, null, clock.instant());
        attempts.find(reference).ifPresent(attempt -> {
            boolean anotherWentOut = attempts.forVerification(attempt.verificationSid()).stream()
                    .anyMatch(a -> !a.sid().equals(reference) && !a.status().equals("failed"));
            if (!anotherWentOut && verifications.finish(attempt.verificationSid(), VerificationStatus.FAILED, clock.instant())) {
                log.info("verification {} failed: its code could not be delivered ({})", attempt.verificationSid(), error);
            }
        });
    }

    @Override
    public boolean receipt(String providerId, String providerReference, String status, String errorCode) {
        return attempts.recordReceipt(providerId, providerReference, status, numeric(errorCode), clock.instant());
    }

    /** Provider codes as numbers: decimal (Twilio 21211, SMTP 550) or hex (SMPP {@code 0x0000000B}). */
    private static Integer numeric(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.trim();
        try {
            return trimmed.regionMatches(true, 0, "0x", 0, 2)
                    ? Integer.parseUnsignedInt(trimmed.substring(2), 16) : Integer.valueOf(trimmed);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
