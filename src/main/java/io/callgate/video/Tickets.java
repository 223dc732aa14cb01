package io.callgate.video;

import io.callgate.api.Iso;
import io.callgate.delivery.Channel;
import io.callgate.system.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Gate tickets: 256 random bits handed to the person after they gave an identity, carried back with the code
 * (in a hidden form field or the JSON body, never a cookie). Only an HMAC of a ticket is stored, so the table
 * alone lets nobody continue someone's entry.
 */
@Repository
class Tickets {

    /** A stored ticket. */
    record Ticket(String hash, String room, String identity, ContactHint hint, int attempts, Instant expiresAt,
                  boolean redeemed) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcClient db;
    private final byte[] key;

    Tickets(JdbcClient db, ServerSecrets secrets) {
        this.db = db;
        this.key = secrets.derivedKey("video-ticket");
    }

    /** Stores a new ticket and returns its text, which exists nowhere else. */
    String issue(String room, String identity, ContactHint hint, Instant now, Instant expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        db.sql("insert into video_ticket (ticket_hash, room, identity, channel, hint, attempts, created_at, expires_at)"
                        + " values (?, ?, ?, ?, ?, 0, ?, ?)")
                .params(hash(ticket), room, identity, hint.channel().wireName(), hint.text(), Iso.utc(now),
                        Iso.utc(expiresAt)).update();
        return ticket;
    }

    /** Tickets issued for this identity in this room since then, and the oldest of them. */
    record Issued(int count, Instant oldest) {
    }

    Issued issuedSince(String room, String identity, Instant since) {
        return db.sql("select count(*), min(created_at) from video_ticket where room = ? and identity = ? and created_at > ?")
                .params(room, identity, Iso.utc(since))
                .query((rs, row) -> new Issued(rs.getInt(1),
                        rs.getObject(2, OffsetDateTime.class) == null ? null : rs.getObject(2, OffsetDateTime.class).toInstant()))
                .single();
    }

    /** The ticket with this text; empty for anything that is not one (forged, mistyped, of another server). */
    Optional<Ticket> find(String ticket) {
        if (ticket == null || !SHAPE.matcher(ticket).matches()) {
            return Optional.empty();
        }
        return db.sql("select * from video_ticket where ticket_hash = ?").param(hash(ticket)).query(Tickets::row).optional();
    }

    /** Counts one code attempt while the ticket is open and under {@code max}; false when it may not be counted. */
    boolean countAttempt(Ticket ticket, int max, Instant now) {
        return db.sql("update video_ticket set attempts = attempts + 1 where ticket_hash = ? and attempts < ?"
                        + " and redeemed_at is null and expires_at > ?")
                .params(ticket.hash(), max, Iso.utc(now)).update() == 1;
    }

    /** Closes the ticket once its code was approved; false when another request already did. */
    boolean redeem(Ticket ticket, Instant now) {
        return db.sql("update video_ticket set redeemed_at = ? where ticket_hash = ? and redeemed_at is null")
                .params(Iso.utc(now), ticket.hash()).update() == 1;
    }

    /** Drops the open tickets of a participant who was removed, so none of them can still be redeemed. */
    void closeFor(String room, String identity) {
        db.sql("delete from video_ticket where room = ? and identity = ? and redeemed_at is null").params(room, identity)
                .update();
    }

    void deleteRoom(String room) {
        db.sql("delete from video_ticket where room = ?").param(room).update();
    }

    /** Drops tickets that have expired and that no per-identity window counts any more. */
    void purge(Instant expiredAndIssuedBefore) {
        db.sql("delete from video_ticket where created_at < ? and expires_at < ?")
                .params(Iso.utc(expiredAndIssuedBefore), Iso.utc(expiredAndIssuedBefore)).update();
    }

    private String hash(String ticket) {
        return HexFormat.of().formatHex(ServerSecrets.hmac(key, ticket.getBytes(StandardCharsets.UTF_8)));
    }

    private static Ticket row(ResultSet rs, int n) throws SQLException {
        return new Ticket(rs.getString("ticket_hash"), rs.getString("room"), rs.getString("identity"),
                new ContactHint(Channel.parse(rs.getString("channel")), rs.getString("hint")), rs.getInt("attempts"),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getObject("redeemed_at") != null);
    }
}
