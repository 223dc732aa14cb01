package io.callgate.limits;

import io.callgate.api.Iso;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Events counted over a rolling window. Counting and recording are only safe under the
 * subject's lock ({@link SubjectLocks}).
 */
@Component
public class SlidingWindow {

    private final JdbcClient db;

    SlidingWindow(JdbcClient db) {
        this.db = db;
    }

    /** How many {@code kind} events the subject had in the window ending now. */
    public int count(String subject, String kind, Instant now, Duration window) {
        return db.sql("select count(*) from limit_event where subject = ? and kind = ? and occurred_at > ?")
                .params(subject, kind, Iso.utc(now.minus(window))).query(Integer.class).single();
    }

    /** When the window will next have room: the oldest counted event leaves it. */
    public Duration retryAfter(String subject, String kind, Instant now, Duration window) {
        Optional<OffsetDateTime> oldest = db.sql("select min(occurred_at) from limit_event where subject = ? and kind = ?"
                        + " and occurred_at > ?")
                .params(subject, kind, Iso.utc(now.minus(window))).query(OffsetDateTime.class).optional();
        return oldest.map(o -> Duration.between(now, o.toInstant().plus(window))).filter(d -> !d.isNegative())
                .orElse(Duration.ofSeconds(1));
    }

    public void record(String subject, String kind, Instant at) {
        db.sql("insert into limit_event (subject, kind, occurred_at) values (?, ?, ?)")
                .params(subject, kind, Iso.utc(at)).update();
    }

    /** Takes back the subject's newest {@code kind} event, as when an attempt counted in advance succeeded. */
    public void withdraw(String subject, String kind) {
        db.sql("delete from limit_event where id = (select max(id) from limit_event where subject = ? and kind = ?)")
                .params(subject, kind).update();
    }

    /** Forgets the subject's {@code kind} events, as when an administrator lifts a lockout. */
    public void clear(String subject, String kind) {
        db.sql("delete from limit_event where subject = ? and kind = ?").params(subject, kind).update();
    }

    /** Drops events too old to count in any window. */
    public int purgeBefore(Instant cutoff) {
        return db.sql("delete from limit_event where occurred_at < ?").param(Iso.utc(cutoff)).update();
    }
}
