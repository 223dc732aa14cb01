package io.callgate.limits;

import io.callgate.api.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enforces a service's Rate Limits at verification start, from the {@code RateLimits} parameter:
 * a JSON map from a rate limit's unique name to the value being metered (an end user's IP, a
 * session id). Each bucket of that rate limit admits at most {@code max} starts per interval and
 * per value; the start that would exceed one gets 429 with code 20429 and {@code Retry-After}.
 * Names the service has not defined are ignored, as Twilio does.
 */
@Component
public class BucketGate {

    private static final String HIT = "bucket_hit";

    private final RateLimits rateLimits;
    private final SubjectLocks locks;
    private final SlidingWindow window;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final LimitHits hits;
    private final Clock clock;

    BucketGate(RateLimits rateLimits, SubjectLocks locks, SlidingWindow window, TransactionTemplate transactions,
               JsonMapper json, LimitHits hits, Clock clock) {
        this.rateLimits = rateLimits;
        this.locks = locks;
        this.window = window;
        this.transactions = transactions;
        this.json = json;
        this.hits = hits;
        this.clock = clock;
    }

    /** Parses the {@code RateLimits} parameter; a malformed one is 60200. */
    public Map<String, String> parse(String rateLimitsJson) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rateLimitsJson == null || rateLimitsJson.isBlank()) {
            return values;
        }
        try {
            JsonNode root = json.readTree(rateLimitsJson);
            if (!root.isObject()) {
                throw ApiException.invalidParameter("RateLimits");
            }
            for (var entry : root.properties()) {
                JsonNode value = entry.getValue();
                if (value.isNull()) {
                    continue;
                }
                if (!value.isValueNode() || value.asString().length() > 256 || entry.getKey().length() > 64) {
                    throw ApiException.invalidParameter("RateLimits");
                }
                values.put(entry.getKey(), value.asString());
            }
            return values;
        } catch (JacksonException e) {
            throw ApiException.invalidParameter("RateLimits");
        }
    }

    /** Counts one start against every matching bucket, or refuses. */
    public void admit(String serviceSid, Map<String, String> values) {
        for (var entry : values.entrySet()) {
            rateLimits.findByName(serviceSid, entry.getKey()).ifPresent(rateLimit -> {
                for (Bucket bucket : rateLimits.buckets(rateLimit.sid(), 0, 1000)) {
                    admit(rateLimit, bucket, entry.getValue());
                }
            });
        }
    }

    private void admit(RateLimit rateLimit, Bucket bucket, String value) {
        String subject = "bucket:" + bucket.sid() + ":" + value;
        Duration interval = Duration.ofSeconds(bucket.intervalSeconds());
        transactions.executeWithoutResult(tx -> {
            locks.lock(subject);
            Instant now = clock.instant();
            if (window.count(subject, HIT, now, interval) >= bucket.max()) {
                hits.hit("rate-limit:" + rateLimit.uniqueName(), rateLimit.sid());
                throw new ApiException(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, 20429, "Too many requests",
                        window.retryAfter(subject, HIT, now, interval));
            }
            window.record(subject, HIT, now);
        });
    }
}
