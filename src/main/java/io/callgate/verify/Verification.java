package io.callgate.verify;

import io.callgate.delivery.Channel;
import java.time.Instant;

/** One code for one destination ({@code VE…}). Holds no code: only the store sees its HMAC. */
public record Verification(
        String sid,
        String serviceSid,
        String to,
        Channel channel,
        VerificationStatus status,
        String locale,
        String customFriendlyName,
        int checkAttempts,
        int sendAttempts,
        Instant dateCreated,
        Instant dateUpdated,
        Instant expiresAt) {

    public boolean isPending() {
        return status == VerificationStatus.PENDING;
    }

    public boolean isExpiredAt(Instant now) {
        return now.isAfter(expiresAt);
    }
}
