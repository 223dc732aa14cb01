package io.callgate.voice;

import io.callgate.api.Iso;
import io.callgate.system.SealedBox;
import io.callgate.system.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The answers given to carriers' webhook requests, by idempotency token, so a repeated delivery gets the same
 * answer without running the flow again. The first delivery claims the token by inserting its row (the primary
 * key decides between nodes); the answer, sealed, is added when it is known.
 */
@Repository
class WebhookAnswers {

    /** A stored answer; {@code status} is 0 while the first delivery is still being answered. */
    record Answer(String fingerprint, int status, String contentType, String body) {

        boolean inProgress() {
            return status == 0;
        }
    }

    /** Twilio stops reading an answer after 15 s; a claim older than this will never be answered. */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofSeconds(30);

    private final JdbcClient db;
    private final SealedBox box;
    private final Clock clock;

    WebhookAnswers(JdbcClient db, ServerSecrets secrets, Clock clock) {
        this.db = db;
        this.box = new SealedBox(secrets, "voice-webhook-answer");
        this.clock = clock;
    }

    /** The key under which a request's answer is kept: the token, scoped to the method and path. */
    static String key(String token, String method, String path) {
        return sha256(method + " " + path + " " + token);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required on every JVM", e);
        }
    }

    /** True when this delivery is the first with the key and must be answered; false when another one was. */
    boolean claim(String key, String fingerprint, java.time.Duration ttl) {
        Instant now = clock.instant();
        db.sql("delete from voice_webhook_answer where request_key = ? and expires_at <= ?").params(key, Iso.utc(now)).update();
        // A claim left unanswered past the carrier's read timeout belongs to a node that died: take it over.
        if (db.sql("update voice_webhook_answer set claimed_at = ?, fingerprint = ? where request_key = ? and status = 0"
                        + " and claimed_at < ?")
                .params(Iso.utc(now), fingerprint, key, Iso.utc(now.minus(ABANDONED_AFTER))).update() == 1) {
            return true;
        }
        try {
            return db.sql("insert into voice_webhook_answer (request_key, fingerprint, status, claimed_at, expires_at)"
                            + " values (?, ?, 0, ?, ?) on conflict do nothing")
                    .params(key, fingerprint, Iso.utc(now), Iso.utc(now.plus(ttl))).update() == 1;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    void complete(String key, int status, String contentType, String body) {
        db.sql("update voice_webhook_answer set status = ?, content_type = ?, body_sealed = ? where request_key = ?")
                .params(status, contentType, box.seal(body, key), key).update();
    }

    /** Gives the key up again, so a retry runs the flow (the first try failed without an answer worth repeating). */
    void release(String key) {
        db.sql("delete from voice_webhook_answer where request_key = ?").param(key).update();
    }

    Optional<Answer> find(String key) {
        return db.sql("select fingerprint, status, content_type, body_sealed from voice_webhook_answer"
                        + " where request_key = ? and expires_at > ?")
                .params(key, Iso.utc(clock.instant()))
                .query((rs, row) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4) == null ? null : box.open(rs.getString(4), key)))
                .optional();
    }

    @Scheduled(fixedDelayString = "${callgate.voice.sweep-interval:PT10M}", initialDelayString = "PT1M")
    void purgeExpired() {
        db.sql("delete from voice_webhook_answer where expires_at < ?").param(Iso.utc(clock.instant())).update();
    }
}
