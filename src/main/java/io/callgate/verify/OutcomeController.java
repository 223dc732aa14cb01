package io.callgate.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callgate.api.ApiException;
import io.callgate.api.Iso;
import io.callgate.api.TwilioApi;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/verifications/{sid}}: any verification's state and why, read-only. Twilio's
 * /v2 answers a bare 404 once a verification is finished; this tells expired from canceled,
 * approved or out of attempts.
 */
@TwilioApi
@RestController
class OutcomeController {

    private final Verifications verifications;

    OutcomeController(Verifications verifications) {
        this.verifications = verifications;
    }

    record Outcome(String sid, @JsonProperty("service_sid") String serviceSid, String to, String channel,
                   String status, @JsonProperty("final") boolean isFinal, String reason,
                   @JsonProperty("check_attempts") int checkAttempts, @JsonProperty("send_attempts") int sendAttempts,
                   @JsonProperty("date_created") String dateCreated, @JsonProperty("date_updated") String dateUpdated,
                   @JsonProperty("expires_at") String expiresAt) {
    }

    @GetMapping("/api/verifications/{sid}")
    Outcome outcome(@PathVariable String sid) {
        Verification v = verifications.find(sid).orElseThrow(() -> ApiException.notFound("/api/verifications/" + sid));
        return new Outcome(v.sid(), v.serviceSid(), v.to(), v.channel().wireName(), v.status().wireName(), !v.isPending(),
                v.status().reason(), v.checkAttempts(), v.sendAttempts(), Iso.format(v.dateCreated()),
                Iso.format(v.dateUpdated()), Iso.format(v.expiresAt()));
    }
}
