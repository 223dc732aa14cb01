package io.callgate.verify;

import io.callgate.delivery.Channel;
import java.time.Instant;

/** One delivery of a verification's code ({@code VL…}), as the Attempts API shows it. */
public record SendAttempt(
        String sid,
        String verificationSid,
        String serviceSid,
        Channel channel,
        String to,
        String country,
        int codeLength,
        String locale,
        String status,
        Integer errorCode,
        boolean converted,
        Instant dateCreated,
        Instant dateUpdated) {
}
