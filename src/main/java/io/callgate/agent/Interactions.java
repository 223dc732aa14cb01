package io.callgate.agent;

import io.callgate.api.Iso;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The interaction table. Every change is one conditional UPDATE on the row's current state and
 * owner, so two agents (or two nodes) racing on one interaction cannot both win.
 */
@Component
class Interactions {

    private final JdbcClient db;
    private final Clock clock;

    Interactions(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a new interaction, or returns the one that already exists for the same call or CRM task. */
    Interaction open(Interaction fresh) {
        try {
            db.sql("insert into interaction (sid, source, call_sid, task_id, caller, customer_ref, agent, status,"
                            + " verification_sid, destination, failed_readbacks, verified_at, verified_by, date_created,"
                            + " date_updated) values (?, ?, ?, ?, ?, ?, null, ?, null, null, 0, ?, ?, ?, ?)")
                    .params(fresh.sid(), fresh.source().name().toLowerCase(java.util.Locale.ROOT), fresh.callSid(),
                            fresh.taskId(), fresh.caller(), fresh.customerRef(), fresh.status().wireName(),
                            fresh.verifiedAt() == null ? null : Iso.utc(fresh.verifiedAt()), fresh.verifiedBy(), Iso.utc(fresh.dateCreated()),
                            Iso.utc(fresh.dateUpdated()))
                    .update();
            return fresh;
        } catch (DuplicateKeyException e) {
            return (fresh.callSid() != null ? byColumn("call_sid", fresh.callSid()) : byColumn("task_id", fresh.taskId()))
                    .orElseThrow(() -> e);
        }
    }

    Optional<Interaction> find(String sid) {
        return byColumn("sid", sid);
    }

    /** What is still open and changed recently, newest first. */
    List<Interaction> live(Instant changedSince) {
        return db.sql("select * from interaction where status <> 'ended' and date_updated > ?"
                        + " order by date_created desc limit 200")
                .param(Iso.utc(changedSince)).query(this::row).list();
    }

    /** Gives an untaken interaction to the agent; true only for the one request that took it. */
    boolean take(String sid, String agent) {
        return db.sql("update interaction set agent = ?, date_updated = ? where sid = ? and agent is null")
                .params(agent, now(), sid).update() == 1;
    }

    boolean codeSent(String sid, String agent, String verificationSid, String destination) {
        return db.sql("update interaction set status = 'code_sent', verification_sid = ?, destination = ?,"
                        + " date_updated = ? where sid = ? and agent = ? and status in ('waiting', 'code_sent')")
                .params(verificationSid, destination, now(), sid, agent).update() == 1;
    }

    boolean backToWaiting(String sid, String agent) {
        return db.sql("update interaction set status = 'waiting', verification_sid = null, date_updated = ?"
                        + " where sid = ? and agent = ? and status = 'code_sent'")
                .params(now(), sid, agent).update() == 1;
    }

    /** Counts a read-back before it is checked; false when the interaction has used all it may have. */
    boolean reserveReadback(String sid, String agent, int max) {
        return db.sql("update interaction set failed_readbacks = failed_readbacks + 1, date_updated = ?"
                        + " where sid = ? and agent = ? and status = 'code_sent' and failed_readbacks < ?")
                .params(now(), sid, agent, max).update() == 1;
    }

    void verified(String sid, String agent) {
        Instant now = clock.instant();
        db.sql("update interaction set status = 'verified', failed_readbacks = failed_readbacks - 1, verified_at = ?,"
                        + " verified_by = 'agent', date_updated = ? where sid = ? and agent = ? and status = 'code_sent'")
                .params(Iso.utc(now), Iso.utc(now), sid, agent).update();
    }

    void lockIfSpent(String sid, int max) {
        db.sql("update interaction set status = 'locked', verification_sid = null, date_updated = ?"
                        + " where sid = ? and status = 'code_sent' and failed_readbacks >= ?")
                .params(now(), sid, max).update();
    }

    boolean end(String sid, String agent) {
        return db.sql("update interaction set status = 'ended', verification_sid = null, date_updated = ?"
                        + " where sid = ? and agent = ? and status <> 'ended'")
                .params(now(), sid, agent).update() == 1;
    }

    private OffsetDateTime now() {
        return Iso.utc(clock.instant());
    }

    private Optional<Interaction> byColumn(String column, String value) {
        return db.sql("select * from interaction where " + column + " = ?").param(value).query(this::row).optional();
    }

    private Interaction row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime verifiedAt = rs.getObject("verified_at", OffsetDateTime.class);
        return new Interaction(rs.getString("sid"),
                Interaction.Source.valueOf(rs.getString("source").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("call_sid"), rs.getString("task_id"), rs.getString("caller"), rs.getString("customer_ref"),
                rs.getString("agent"), InteractionStatus.parse(rs.getString("status")),
                rs.getString("verification_sid"), rs.getString("destination"), rs.getInt("failed_readbacks"),
                verifiedAt == null ? null : verifiedAt.toInstant(), rs.getString("verified_by"),
                rs.getObject("date_created", OffsetDateTime.class).toInstant(),
                rs.getObject("date_updated", OffsetDateTime.class).toInstant());
    }
}
