package io.callgate.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.Iso;
import java.util.List;

/** The VerificationCheck resource: no url, lookup or attempts, as Twilio renders it. */
record VerificationCheckView(
        String sid,
        @JsonProperty("service_sid") String serviceSid,
        @JsonProperty("account_sid") String accountSid,
        String to,
        String channel,
        String status,
        boolean valid,
        String amount,
        String payee,
        @JsonProperty("sna_attempts_error_codes") List<Object> snaAttemptsErrorCodes,
        @JsonProperty("date_created") String dateCreated,
        @JsonProperty("date_updated") String dateUpdated) {

    static VerificationCheckView of(Verification v, String accountSid) {
        return new VerificationCheckView(v.sid(), v.serviceSid(), accountSid, v.to(), v.channel().wireName(),
                v.status().wireName(), v.status() == VerificationStatus.APPROVED, null, null, List.of(),
                Iso.format(v.dateCreated()), Iso.format(v.dateUpdated()));
    }
}
