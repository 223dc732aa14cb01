package io.callgate.delivery;

import io.callgate.api.Iso;
import io.callgate.system.SealedBox;
import io.callgate.system.ServerSecrets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox table. Claiming a message is one conditional UPDATE, so on any number of nodes
 * exactly one owns a message at a time; a lease that runs out (a node died mid-delivery) lets
 * another take it over.
 */
@Repository
class Outbox {

    /** A claimed message, opened for delivery. */
    record Claimed(long id, OutboundMessage message, int tries, Instant giveUpAt) {
    }

    private record Payload(String subject, String body, String code, String locale, String keypressPrompt, String htmlBody) {
    }

    private final JdbcClient db;
    private final SealedBox box;
    private final JsonMapper json;

    Outbox(JdbcClient db, ServerSecrets secrets, JsonMapper json) {
        this.db = db;
        this.box = new SealedBox(secrets, "outbox");
        this.json = json;
    }

    long enqueue(OutboundMessage m, Instant now, Instant giveUpAt) {
        String payload = box.seal(json.writeValueAsString(new Payload(m.subject(), m.body(), m.code(), m.locale(), m.keypressPrompt(),
                m.htmlBody())), m.reference());
        KeyHolder id = new GeneratedKeyHolder();
        db.sql("insert into outbox_message (reference, channel, to_address, payload_sealed, status, tries, next_attempt_at,"
                        + " give_up_at, created_at, updated_at) values (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)")
                .params(m.reference(), m.channel().wireName(), m.to(), payload, Iso.utc(now), Iso.utc(giveUpAt),
                        Iso.utc(now), Iso.utc(now))
                .update(id, "id");
        return id.getKey().longValue();
    }

    /** Ids of messages due now and not leased by a live node, oldest first. */
    List<Long> due(Instant now, int limit) {
        return db.sql("select id from outbox_message where status = 'pending' and next_attempt_at <= ?"
                        + " and (lease_until is null or lease_until < ?) order by next_attempt_at, id fetch first ? rows only")
                .params(Iso.utc(now), Iso.utc(now), limit).query(Long.class).list();
    }

    /** Takes the message for {@code leaseUntil} if nobody holds it; empty when another node won. */
    Optional<Claimed> claim(long id, Instant now, Instant leaseUntil) {
        int claimed = db.sql("update outbox_message set lease_until = ?, tries = tries + 1, updated_at = ?"
                        + " where id = ? and status = 'pending' and next_attempt_at <= ? and (lease_until is null or lease_until < ?)")
                .params(Iso.utc(leaseUntil), Iso.utc(now), id, Iso.utc(now), Iso.utc(now)).update();
        if (claimed != 1) {
            return Optional.empty();
        }
        return db.sql("select reference, channel, to_address, payload_sealed, tries, give_up_at from outbox_message where id = ?")
                .param(id)
                .query((rs, n) -> {
                    String reference = rs.getString(1);
                    Payload p = json.readValue(box.open(rs.getString(4), reference), Payload.class);
                    Channel channel = Channel.valueOf(rs.getString(2).toUpperCase(Locale.ROOT));
                    OutboundMessage message = new OutboundMessage(channel, rs.getString(3), p.subject(), p.body(), p.code(), reference,
                            p.locale(), p.keypressPrompt(), p.htmlBody());
                    return new Claimed(id, message, rs.getInt(5), rs.getObject(6, java.time.OffsetDateTime.class).toInstant());
                })
                .optional();
    }

    /** Delivered: the sealed message is erased. */
    void delivered(long id, Instant now) {
        db.sql("update outbox_message set status = 'delivered', payload_sealed = null, lease_until = null, last_error = null,"
                + " updated_at = ? where id = ?").params(Iso.utc(now), id).update();
    }

    void retryAt(long id, Instant next, String error, Instant now) {
        db.sql("update outbox_message set next_attempt_at = ?, lease_until = null, last_error = ?, updated_at = ? where id = ?")
                .params(Iso.utc(next), truncate(error), Iso.utc(now), id).update();
    }

    /** Given up: the sealed message is erased too. */
    void failed(long id, String error, Instant now) {
        db.sql("update outbox_message set status = 'failed', payload_sealed = null, lease_until = null, last_error = ?,"
                + " updated_at = ? where id = ?").params(truncate(error), Iso.utc(now), id).update();
    }

    private static String truncate(String error) {
        return error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    }
}
