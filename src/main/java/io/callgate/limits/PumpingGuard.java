package io.callgate.limits;

import io.callgate.api.ApiException;
import io.callgate.api.Iso;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stops SMS pumping (artificially inflated traffic to premium ranges) per number prefix: a cap
 * on sends per hour, and a watch on conversion: when a prefix's sends stop being checked with
 * the right code, the prefix is blocked for a while, with a metric and a log line. Blocked sends
 * are refused before anything reaches a provider (403, code 60410), so failover cannot bypass it.
 * Call inside the start transaction; the prefix is locked like a destination.
 */
@Component
public class PumpingGuard {

    private static final Logger log = LoggerFactory.getLogger(PumpingGuard.class);
    private static final String SEND = "send";
    private static final String CONVERTED = "converted";

    private final SubjectLocks locks;
    private final SlidingWindow window;
    private final JdbcClient db;
    private final PumpingProperties properties;
    private final LimitHits hits;
    private final MeterRegistry registry;
    private final Clock clock;

    PumpingGuard(SubjectLocks locks, SlidingWindow window, JdbcClient db, PumpingProperties properties, LimitHits hits,
                 MeterRegistry registry, Clock clock) {
        this.locks = locks;
        this.window = window;
        this.db = db;
        this.properties = properties;
        this.hits = hits;
        this.registry = registry;
        this.clock = clock;
    }

    /** The prefix a phone number belongs to: the number without its last four digits. */
    public static String prefixOf(String e164) {
        return e164.length() > 8 ? e164.substring(0, e164.length() - 4) : e164;
    }

    /** Refuses a send to a blocked or too busy prefix, else counts it. */
    public void admitSend(String e164, String country) {
        if (!properties.enabled()) {
            return;
        }
        String prefix = prefixOf(e164);
        String subject = subject(prefix);
        locks.lock(subject);
        Instant now = clock.instant();
        Optional<Instant> blockedUntil = blockedUntil(prefix, now);
        if (blockedUntil.isPresent()) {
            hits.hit("pumping-block", prefix + "xxxx");
            throw blocked(Duration.between(now, blockedUntil.get()));
        }
        if (window.count(subject, SEND, now, Duration.ofHours(1)) >= properties.maxSendsPerPrefixPerHour()) {
            hits.hit("prefix-sends", prefix + "xxxx");
            throw ApiException.tooManyRequests(window.retryAfter(subject, SEND, now, Duration.ofHours(1)));
        }
        window.record(subject, SEND, now);
        judgeConversion(prefix, country, now);
    }

    /** A send to this number was approved: its prefix converts. */
    public void recordConversion(String e164) {
        if (properties.enabled()) {
            window.record(subject(prefixOf(e164)), CONVERTED, clock.instant());
        }
    }

    private void judgeConversion(String prefix, String country, Instant now) {
        String subject = subject(prefix);
        // Sends still within their grace may yet be checked: judge only the older ones.
        int sends = window.count(subject, SEND, now, properties.conversionWindow())
                - window.count(subject, SEND, now, properties.grace());
        if (sends < properties.minSends()) {
            return;
        }
        int converted = window.count(subject, CONVERTED, now, properties.conversionWindow());
        double rate = (double) converted / sends;
        if (rate >= properties.minConversionRate()) {
            return;
        }
        Instant until = now.plus(properties.blockDuration());
        db.sql("delete from prefix_block where prefix = ?").param(prefix).update();
        db.sql("insert into prefix_block (prefix, blocked_until, reason, date_created) values (?, ?, ?, ?)")
                .params(prefix, Iso.utc(until), "conversion %.0f%% of %d sends".formatted(rate * 100, sends), Iso.utc(now))
                .update();
        registry.counter("callgate.pumping.blocks", "country", country == null ? "unknown" : country).increment();
        log.warn("SMS pumping suspected: prefix {}xxxx ({}) converted {} of {} sends; blocked until {}",
                prefix, country, converted, sends, until);
    }

    private Optional<Instant> blockedUntil(String prefix, Instant now) {
        return db.sql("select blocked_until from prefix_block where prefix = ? and blocked_until > ?")
                .params(prefix, Iso.utc(now)).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
    }

    private static ApiException blocked(Duration retryAfter) {
        return new ApiException(HttpStatus.FORBIDDEN, 60410,
                "Verification delivery attempt blocked: the destination's number range is temporarily blocked for suspected fraud",
                retryAfter);
    }

    private static String subject(String prefix) {
        return "prefix:" + prefix;
    }
}
