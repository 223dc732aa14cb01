package io.callgate.limits;

import io.callgate.api.ApiException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Per-destination caps over a rolling window: sends, and failed checks across all verifications
 * and services (so waiting out one verification's expiry does not buy new guesses). Call inside
 * a transaction that holds the destination's lock ({@link #lock}).
 */
@Component
public class DestinationLimits {

    private static final String SEND = "send";
    private static final String FAILED_CHECK = "failed_check";

    private final SubjectLocks locks;
    private final SlidingWindow window;
    private final LimitProperties properties;
    private final LimitHits hits;
    private final Clock clock;

    DestinationLimits(SubjectLocks locks, SlidingWindow window, LimitProperties properties, LimitHits hits, Clock clock) {
        this.locks = locks;
        this.window = window;
        this.properties = properties;
        this.hits = hits;
        this.clock = clock;
    }

    public void lock(String destination) {
        locks.lock(subject(destination));
    }

    /** Refuses with 20429 when the destination has used its sends for the window. */
    public void requireSendAllowed(String destination, String masked) {
        require(destination, masked, SEND, properties.maxSendsPerDestination(), "destination-sends");
    }

    /** Refuses with 20429 when the destination has used its failed checks for the window, even for a right code. */
    public void requireCheckAllowed(String destination, String masked) {
        require(destination, masked, FAILED_CHECK, properties.maxFailedChecksPerDestination(), "destination-failed-checks");
    }

    public void recordSend(String destination) {
        window.record(subject(destination), SEND, clock.instant());
    }

    public void recordFailedCheck(String destination) {
        window.record(subject(destination), FAILED_CHECK, clock.instant());
    }

    private void require(String destination, String masked, String kind, int max, String limit) {
        Instant now = clock.instant();
        String subject = subject(destination);
        if (window.count(subject, kind, now, properties.destinationWindow()) >= max) {
            hits.hit(limit, masked);
            throw ApiException.tooManyRequests(window.retryAfter(subject, kind, now, properties.destinationWindow()));
        }
    }

    private static String subject(String destination) {
        return "dest:" + destination;
    }
}
