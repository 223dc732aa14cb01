package io.callgate.limits;

import java.time.Instant;

/** At most {@code max} verification starts per {@code intervalSeconds} for one value of a rate limit ({@code BL…}). */
public record Bucket(String sid, String rateLimitSid, String serviceSid, int max, int intervalSeconds,
                     Instant dateCreated, Instant dateUpdated) {
}
