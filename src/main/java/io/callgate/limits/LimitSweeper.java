package io.callgate.limits;

import java.time.Clock;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drops limit events that no window can count any more. Safe to run on every node. */
@Component
class LimitSweeper {

    private final SlidingWindow window;
    private final RateLimits rateLimits;
    private final LimitProperties properties;
    private final Clock clock;

    LimitSweeper(SlidingWindow window, RateLimits rateLimits, LimitProperties properties, Clock clock) {
        this.window = window;
        this.rateLimits = rateLimits;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${callgate.limits.sweep-interval:PT5M}", initialDelayString = "PT1M")
    void sweep() {
        Duration keep = properties.destinationWindow();
        Duration longestBucket = Duration.ofSeconds(rateLimits.longestIntervalSeconds());
        if (longestBucket.compareTo(keep) > 0) {
            keep = longestBucket;
        }
        window.purgeBefore(clock.instant().minus(keep).minusSeconds(60));
    }
}
