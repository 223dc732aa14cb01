package io.callgate.verify;

import io.callgate.api.Iso;
import io.callgate.delivery.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storage of verifications. Every counter moves through one conditional UPDATE, so a limit holds
 * however many nodes serve the same verification at the same moment.
 */
@Repository
class VerificationStore {

    private static final String COLUMNS = "sid, service_sid, to_address, channel, status, locale, custom_friendly_name,"
            + " check_attempts, send_attempts, date_created, date_updated, expires_at, code_hmac, code_sealed";
    private static final String PENDING = "'pending'";

    /** A verification with its protected code, as only the lifecycle sees it. */
    record Stored(Verification verification, String codeHash, String sealedCode) {
    }

    private final JdbcClient db;

    VerificationStore(JdbcClient db) {
        this.db = db;
    }

    void insert(Verification v, String codeHash, String sealedCode) {
        db.sql("insert into verification (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(v.sid(), v.serviceSid(), v.to(), v.channel().wireName(), v.status().wireName(), v.locale(),
                        v.customFriendlyName(), v.checkAttempts(), v.sendAttempts(), Iso.utc(v.dateCreated()),
                        Iso.utc(v.dateUpdated()), Iso.utc(v.expiresAt()), codeHash, sealedCode)
                .update();
    }

    Optional<Stored> find(String sid) {
        return db.sql("select " + COLUMNS + " from verification where sid = ?").param(sid)
                .query(VerificationStore::map).optional();
    }

    /** The pending verification of a service for a destination, if any (there is at most one). */
    Optional<Stored> findPending(String serviceSid, String to) {
        return db.sql("select " + COLUMNS + " from verification where service_sid = ? and to_address = ? and status = "
                        + PENDING + " order by date_created desc fetch first 1 rows only")
                .params(serviceSid, to).query(VerificationStore::map).optional();
    }

    /**
     * The verification of a service for a destination that a check by {@code To} means: the pending one if any
     * (there is at most one), else the newest in any state. Pending first, because a finished verification and
     * its successor can share a creation instant.
     */
    Optional<Stored> findLatest(String serviceSid, String to) {
        return db.sql("select " + COLUMNS + " from verification where service_sid = ? and to_address = ?"
                        + " order by case when status = " + PENDING + " then 0 else 1 end, date_created desc"
                        + " fetch first 1 rows only")
                .params(serviceSid, to).query(VerificationStore::map).optional();
    }

    /** Counts one check if the verification is pending, unexpired and under its limit. */
    boolean countCheck(String sid, int max, Instant now) {
        return db.sql("update verification set check_attempts = check_attempts + 1, date_updated = ?"
                        + " where sid = ? and status = " + PENDING + " and check_attempts < ? and expires_at >= ?")
                .params(Iso.utc(now), sid, max, Iso.utc(now)).update() == 1;
    }

    /**
     * Counts one check and approves, in one step, if the verification is pending, unexpired and under its
     * limit; true for exactly one caller.
     */
    boolean countCheckAndApprove(String sid, int max, Instant now) {
        return db.sql("update verification set check_attempts = check_attempts + 1, status = 'approved', code_hmac = null,"
                        + " code_sealed = null, date_updated = ? where sid = ? and status = " + PENDING
                        + " and check_attempts < ? and expires_at >= ?")
                .params(Iso.utc(now), sid, max, Iso.utc(now)).update() == 1;
    }

    /** Counts one send (on {@code channel}, which may differ from the last) if the verification is pending, unexpired and under its limit. */
    boolean countSend(String sid, Channel channel, int max, Instant now) {
        return db.sql("update verification set send_attempts = send_attempts + 1, channel = ?, date_updated = ?"
                        + " where sid = ? and status = " + PENDING + " and send_attempts < ? and expires_at >= ?")
                .params(channel.wireName(), Iso.utc(now), sid, max, Iso.utc(now)).update() == 1;
    }

    /** Moves a pending verification to a final state and erases its code; true for exactly one caller. */
    boolean finish(String sid, VerificationStatus status, Instant now) {
        return db.sql("update verification set status = ?, code_hmac = null, code_sealed = null, date_updated = ?"
                        + " where sid = ? and status = " + PENDING)
                .params(status.wireName(), Iso.utc(now), sid).update() == 1;
    }

    void replaceCode(String sid, String codeHash, String sealedCode) {
        db.sql("update verification set code_hmac = ?, code_sealed = ? where sid = ? and status = " + PENDING)
                .params(codeHash, sealedCode, sid).update();
    }

    /** Expires the due pending verifications of one channel; returns how many this call expired. */
    int expireDue(Channel channel, Instant now) {
        return db.sql("update verification set status = 'expired', code_hmac = null, code_sealed = null, date_updated = ?"
                        + " where status = " + PENDING + " and channel = ? and expires_at < ?")
                .params(Iso.utc(now), channel.wireName(), Iso.utc(now)).update();
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        Verification v = new Verification(rs.getString(1), rs.getString(2), rs.getString(3),
                Channel.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
                VerificationStatus.fromWire(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getInt(8),
                rs.getInt(9), instant(rs, 10), instant(rs, 11), instant(rs, 12));
        return new Stored(v, rs.getString(13), rs.getString(14));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
