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

    /** As {@link VerificationStore#countSend} leaves it. */
    Verification resent(Channel on, Instant now) {
        return new Verification(sid, serviceSid, to, on, status, locale, customFriendlyName, checkAttempts,
                sendAttempts + 1, dateCreated, now, expiresAt);
    }

    /** As {@link VerificationStore#countCheck} leaves it. */
    Verification checked(Instant now) {
        return new Verification(sid, serviceSid, to, channel, status, locale, customFriendlyName, checkAttempts + 1,
                sendAttempts, dateCreated, now, expiresAt);
    }

    /** As {@link VerificationStore#finish} leaves it. */
    Verification finished(VerificationStatus end, Instant now) {
        return new Verification(sid, serviceSid, to, channel, end, locale, customFriendlyName, checkAttempts,
                sendAttempts, dateCreated, now, expiresAt);
    }
}
