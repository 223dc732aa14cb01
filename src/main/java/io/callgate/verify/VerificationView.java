package io.callgate.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.Iso;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Verification resource as Twilio renders it. */
record VerificationView(
        String sid,
        @JsonProperty("service_sid") String serviceSid,
        @JsonProperty("account_sid") String accountSid,
        String to,
        String channel,
        String status,
        boolean valid,
        Map<String, Object> lookup,
        String amount,
        String payee,
        @JsonProperty("send_code_attempts") List<AttemptRef> sendCodeAttempts,
        @JsonProperty("date_created") String dateCreated,
        @JsonProperty("date_updated") String dateUpdated,
        Object sna,
        String url) {

    record AttemptRef(String time, String channel, @JsonProperty("attempt_sid") String attemptSid) {
    }

    static VerificationView of(Verification v, List<SendAttempt> attempts, String accountSid, String url) {
        List<AttemptRef> refs = attempts.stream()
                .map(a -> new AttemptRef(Iso.format(a.dateCreated()), a.channel().name().toUpperCase(Locale.ROOT), a.sid()))
                .toList();
        return new VerificationView(v.sid(), v.serviceSid(), accountSid, v.to(), v.channel().wireName(),
                v.status().wireName(), v.status() == VerificationStatus.APPROVED, Map.of(), null, null, refs,
                Iso.format(v.dateCreated()), Iso.format(v.dateUpdated()), null, url);
    }
}
