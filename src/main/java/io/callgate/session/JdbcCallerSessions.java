package io.callgate.session;

import io.callgate.api.Iso;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/** Caller sessions in the database, kept for {@code callgate.session.retention} (default 7 days). */
@Repository
class JdbcCallerSessions implements CallerSessions {

    private final JdbcClient db;
    private final Clock clock;
    private final Duration retention;

    JdbcCallerSessions(JdbcClient db, Clock clock, @Value("${callgate.session.retention:7d}") Duration retention) {
        this.db = db;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public CallerSession open(String callSid, String callerId, String line) {
        requireSid(callSid);
        Instant now = clock.instant();
        try {
            db.sql("insert into caller_session (call_sid, caller_id, line, started_at, updated_at) values (?, ?, ?, ?, ?)"
                            + " on conflict do nothing")
                    .params(callSid, truncate(callerId, 320), truncate(line, 200), Iso.utc(now), Iso.utc(now)).update();
        } catch (DuplicateKeyException raced) {
            // another node opened it at the same moment
        }
        return find(callSid).orElseThrow();
    }

    @Override
    public Optional<CallerSession> find(String callSid) {
        if (callSid == null) {
            return Optional.empty();
        }
        Map<Factor, Instant> proven = new EnumMap<>(Factor.class);
        db.sql("select factor, proven_at from caller_session_factor where call_sid = ?").param(callSid)
                .query((rs, row) -> proven.put(Factor.valueOf(rs.getString(1)),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
        return db.sql("select call_sid, caller_id, line, claimed_identity, started_at, updated_at from caller_session"
                        + " where call_sid = ?").param(callSid)
                .query((rs, row) -> new CallerSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        proven, rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .optional();
    }

    @Override
    public void claim(String callSid, String identity) {
        requireSid(callSid);
        db.sql("update caller_session set claimed_identity = ?, updated_at = ? where call_sid = ?")
                .params(truncate(identity, 320), Iso.utc(clock.instant()), callSid).update();
    }

    @Override
    public void prove(String callSid, Factor factor) {
        requireSid(callSid);
        Instant now = clock.instant();
        try {
            db.sql("insert into caller_session_factor (call_sid, factor, proven_at) values (?, ?, ?) on conflict do nothing")
                    .params(callSid, factor.name(), Iso.utc(now)).update();
        } catch (DuplicateKeyException raced) {
            // proven at the same moment on another node; the first time stays
        }
        db.sql("update caller_session set updated_at = ? where call_sid = ?").params(Iso.utc(now), callSid).update();
    }

    @Scheduled(fixedDelayString = "${callgate.session.sweep-interval:PT10M}", initialDelayString = "PT1M")
    void purgeOld() {
        OffsetDateTime cutoff = Iso.utc(clock.instant().minus(retention));
        db.sql("delete from caller_session_factor where call_sid in (select call_sid from caller_session where updated_at < ?)")
                .param(cutoff).update();
        db.sql("delete from caller_session where updated_at < ?").param(cutoff).update();
    }

    private static void requireSid(String callSid) {
        if (callSid == null || callSid.isBlank() || callSid.length() > 128) {
            throw new IllegalArgumentException("a call sid of 1 to 128 characters is required");
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
