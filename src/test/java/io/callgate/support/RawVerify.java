package io.callgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Verify calls of races and floods, over plain HTTP. Unlike the twilio SDK, whose HTTP client
 * retries a 429 or 503 after a delay, every call here is exactly one request.
 */
public final class RawVerify {

    private final TestServer server;

    public RawVerify(TestServer server) {
        this.server = server;
    }

    public TestServer server() {
        return server;
    }

    /** One response: the HTTP status, the JSON body (a resource, or Twilio's error body) and any Retry-After. */
    public record Reply(int http, Map<String, Object> body, Duration retryAfter) {

        static Reply of(HttpResponse<String> response) {
            return new Reply(response.statusCode(), TestServer.json(response.body()),
                    response.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(null));
        }

        /** The Twilio error code of a refusal; 0 for a success. */
        public int code() {
            return http < 400 ? 0 : ((Number) body.get("code")).intValue();
        }

        /** The resource's status ({@code pending}, {@code approved}, …); null for a refusal. */
        public String status() {
            return http < 400 ? (String) body.get("status") : null;
        }

        public boolean valid() {
            return Boolean.TRUE.equals(body.get("valid"));
        }

        public String sid() {
            return (String) body.get("sid");
        }

        /** "200 pending", "429/60202": what tests count and print. */
        public String summary() {
            return http < 400 ? http + " " + status() : http + "/" + code();
        }
    }

    public String createService(String friendlyName) {
        Reply created = Reply.of(server.form("/v2/Services", Map.of("FriendlyName", friendlyName)));
        assertThat(created.http()).as("service creation").isEqualTo(201);
        return created.sid();
    }

    /** Gives a service a rate limit with one bucket, as Twilio advises for end-user IPs. */
    public void addBucket(String serviceSid, String uniqueName, int max, int intervalSeconds) {
        Reply limit = Reply.of(server.form("/v2/Services/" + serviceSid + "/RateLimits", Map.of("UniqueName", uniqueName)));
        assertThat(limit.http()).as("rate limit creation").isEqualTo(201);
        Reply bucket = Reply.of(server.form("/v2/Services/" + serviceSid + "/RateLimits/" + limit.sid() + "/Buckets",
                Map.of("Max", Integer.toString(max), "Interval", Integer.toString(intervalSeconds))));
        assertThat(bucket.http()).as("bucket creation").isEqualTo(201);
    }

    public Reply start(String serviceSid, String to) {
        return start(serviceSid, to, Map.of(), Map.of());
    }

    /** Starts (or resends) an sms verification, with extra form parameters and headers. */
    public Reply start(String serviceSid, String to, Map<String, String> params, Map<String, String> headers) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("To", to, "Channel", "sms"));
        form.putAll(params);
        return Reply.of(server.form("/v2/Services/" + serviceSid + "/Verifications", form, headers));
    }

    public Reply check(String serviceSid, String verificationSid, String code) {
        return Reply.of(server.form("/v2/Services/" + serviceSid + "/VerificationCheck",
                Map.of("VerificationSid", verificationSid, "Code", code)));
    }

    public Reply checkTo(String serviceSid, String to, String code, Map<String, String> headers) {
        return Reply.of(server.form("/v2/Services/" + serviceSid + "/VerificationCheck", Map.of("To", to, "Code", code),
                headers));
    }

    /** {@code GET /api/verifications/{sid}}: the state of any verification, final ones too. */
    public Map<String, Object> outcome(String verificationSid) {
        HttpResponse<String> response = server.get("/api/verifications/" + verificationSid);
        assertThat(response.statusCode()).as("outcome of " + verificationSid).isEqualTo(200);
        return TestServer.json(response.body());
    }
}
