package io.callgate.delivery;

import io.callgate.api.Iso;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The history of provider tries ({@code delivery_attempt}): one row per provider and try, written
 * with the try's outcome, so a failover leaves the failure it moved on from. The send attempt of
 * the verification shows only the final state.
 */
@Repository
class DeliveryAttempts {

    /** One provider try. */
    record Attempt(long outboxId, String reference, int tryNumber, String provider, String status, String errorCode,
                   String error, String providerReference, Instant startedAt, Instant finishedAt) {
    }

    private final JdbcClient db;

    DeliveryAttempts(JdbcClient db) {
        this.db = db;
    }

    void record(Attempt a) {
        db.sql("insert into delivery_attempt (outbox_id, reference, try_number, provider, status, error_code, error,"
                        + " provider_reference, started_at, finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.outboxId(), a.reference(), a.tryNumber(), a.provider(), a.status(), a.errorCode(),
                        Outbox.truncate(a.error()), a.providerReference(), Iso.utc(a.startedAt()), Iso.utc(a.finishedAt()))
                .update();
    }

    /** The tries of one message (by its reference, the send attempt {@code VL…}), oldest first. */
    List<Attempt> of(String reference) {
        return db.sql("select outbox_id, reference, try_number, provider, status, error_code, error, provider_reference,"
                        + " started_at, finished_at from delivery_attempt where reference = ? order by id")
                .param(reference)
                .query((rs, n) -> new Attempt(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(10, java.time.OffsetDateTime.class).toInstant()))
                .list();
    }
}
