package io.callgate.delivery;

import io.callgate.api.Iso;
import io.callgate.system.SealedBox;
import io.callgate.system.ServerSecrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox table. A message is owned by one node at a time through its lease: the node that
 * writes it holds it for its first try, the poller of any node claims due messages with
 * {@code FOR UPDATE SKIP LOCKED}, and a lease that runs out (its node died) lets another take it
 * over. {@code tries} counts the claims and fences every later write: a node that lost its lease
 * changes nothing.
 */
@Repository
class Outbox {

    /**
     * A claimed message, opened for delivery.
     *
     * @param tries the claim's number, which fences the writes of its outcome
     * @param interruptedVia the provider a previous claim was handing the message to when its node
     *                       stopped (the message may have gone out), or null
     */
    record Claimed(long id, OutboundMessage message, int tries, Instant leaseUntil, Instant giveUpAt,
                   String interruptedVia, Instant interruptedSince) {
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

    /**
     * Writes the message already claimed by its writer for the first try through {@code firstProvider},
     * so no poller takes it before that try, and a crash leaves it to a takeover once the lease ends.
     */
    Claimed enqueue(OutboundMessage m, Instant now, Instant giveUpAt, Instant leaseUntil, String firstProvider) {
        String payload = box.seal(json.writeValueAsString(new Payload(m.subject(), m.body(), m.code(), m.locale(), m.keypressPrompt(),
                m.htmlBody())), m.reference());
        KeyHolder key = new GeneratedKeyHolder();
        db.sql("insert into outbox_message (reference, channel, to_address, payload_sealed, status, tries, next_attempt_at,"
                        + " lease_until, sending_via, sending_since, give_up_at, created_at, updated_at)"
                        + " values (?, ?, ?, ?, 'pending', 1, ?, ?, ?, ?, ?, ?, ?)")
                .params(m.reference(), m.channel().wireName(), m.to(), payload, Iso.utc(leaseUntil), Iso.utc(leaseUntil),
                        firstProvider, Iso.utc(now), Iso.utc(giveUpAt), Iso.utc(now), Iso.utc(now))
                .update(key, "id");
        return new Claimed(key.getKeyAs(Number.class).longValue(), m, 1, leaseUntil, giveUpAt, null, null);
    }

    /**
     * Claims up to {@code limit} due messages, oldest first, skipping those another node is claiming
     * at this moment; each is marked as being handed to the first provider of its channel.
     */
    @Transactional
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit, Function<Channel, String> firstProvider) {
        List<Claimed> claimed = db.sql("select id, reference, channel, to_address, payload_sealed, tries, give_up_at, sending_via,"
                        + " sending_since from outbox_message where status = 'pending' and next_attempt_at <= ?"
                        + " order by next_attempt_at, id fetch first ? rows only for update skip locked")
                .params(Iso.utc(now), limit)
                .query((rs, n) -> claimed(rs, leaseUntil)).list();
        Map<String, List<Long>> byProvider = new LinkedHashMap<>(); // a null key: a channel without providers
        claimed.forEach(c -> byProvider.computeIfAbsent(firstProvider.apply(c.message().channel()), p -> new ArrayList<>())
                .add(c.id()));
        byProvider.forEach((provider, ids) -> db.sql("update outbox_message set tries = tries + 1, lease_until = ?,"
                        + " next_attempt_at = ?, sending_via = ?, sending_since = ?, updated_at = ? where id in (" + marks(ids) + ")")
                .params(params(java.util.Arrays.asList(Iso.utc(leaseUntil), Iso.utc(leaseUntil), provider, Iso.utc(now), Iso.utc(now)), ids))
                .update());
        return claimed;
    }

    private Claimed claimed(ResultSet rs, Instant leaseUntil) throws SQLException {
        long id = rs.getLong(1);
        String reference = rs.getString(2);
        Payload p = json.readValue(box.open(rs.getString(5), reference), Payload.class);
        Channel channel = Channel.valueOf(rs.getString(3).toUpperCase(Locale.ROOT));
        OutboundMessage message = new OutboundMessage(channel, rs.getString(4), p.subject(), p.body(), p.code(), reference,
                p.locale(), p.keypressPrompt(), p.htmlBody());
        OffsetDateTime since = rs.getObject(9, OffsetDateTime.class);
        return new Claimed(id, message, rs.getInt(6) + 1, leaseUntil, rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getString(8), since == null ? null : since.toInstant());
    }

    /** Extends a lease this claim still holds; false when it was lost or its outcome is written. */
    boolean renew(long id, int tries, Instant leaseUntil) {
        return db.sql("update outbox_message set lease_until = ?, next_attempt_at = ?"
                        + " where id = ? and tries = ? and status = 'pending' and lease_until is not null")
                .params(Iso.utc(leaseUntil), Iso.utc(leaseUntil), id, tries).update() == 1;
    }

    /** The next provider of the chain is about to get the message. */
    boolean sendingVia(long id, int tries, String provider, Instant now) {
        return db.sql("update outbox_message set sending_via = ?, sending_since = ?, updated_at = ? where id = ? and tries = ?")
                .params(provider, Iso.utc(now), Iso.utc(now), id, tries).update() == 1;
    }

    /** Delivered: the sealed message is erased. False when this claim had lost the message. */
    boolean delivered(long id, int tries, Instant now) {
        return db.sql("update outbox_message set status = 'delivered', payload_sealed = null, lease_until = null, sending_via = null,"
                + " sending_since = null, last_error = null, updated_at = ? where id = ? and tries = ?")
                .params(Iso.utc(now), id, tries).update() == 1;
    }

    boolean retryAt(long id, int tries, Instant next, String error, Instant now) {
        return db.sql("update outbox_message set next_attempt_at = ?, lease_until = null, sending_via = null, sending_since = null,"
                        + " last_error = ?, updated_at = ? where id = ? and tries = ?")
                .params(Iso.utc(next), truncate(error), Iso.utc(now), id, tries).update() == 1;
    }

    /** Given up: the sealed message is erased too. */
    boolean failed(long id, int tries, String error, Instant now) {
        return db.sql("update outbox_message set status = 'failed', payload_sealed = null, lease_until = null, sending_via = null,"
                        + " sending_since = null, last_error = ?, updated_at = ? where id = ? and tries = ?")
                .params(truncate(error), Iso.utc(now), id, tries).update() == 1;
    }

    static String truncate(String error) {
        return error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    }

    private static String marks(Collection<?> values) {
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }

    private static List<Object> params(List<Object> first, List<Long> ids) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(ids);
        return all;
    }
}
