package io.callgate.limits;

import java.time.Instant;

/** A service's named rate limit ({@code RK…}); its buckets say how much, over how long. */
public record RateLimit(String sid, String serviceSid, String uniqueName, String description,
                        Instant dateCreated, Instant dateUpdated) {
}
