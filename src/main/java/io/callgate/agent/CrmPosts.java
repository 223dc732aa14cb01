package io.callgate.agent;

import io.callgate.api.ApiException;
import io.callgate.api.Iso;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The check on a CRM's post: {@code X-Callgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with
 * the shared secret. A post is refused when the signature does not match (tampered), when its time is further
 * from the server's than the allowed skew (stale), or when the same signature was accepted before (replayed).
 */
@Component
class CrmPosts {

    private static final Pattern HEADER = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");

    private final JdbcClient db;
    private final AgentProperties properties;
    private final Clock clock;

    CrmPosts(JdbcClient db, AgentProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    /** Accepts the post once, or throws the API error to answer with. */
    void accept(String header, byte[] body) {
        if (properties.apiSecret().isBlank()) {
            throw new ApiException(HttpStatus.NOT_FOUND, 20404, "The interaction API is off: set callgate.agent.api-secret");
        }
        Matcher signature = header == null ? null : HEADER.matcher(header.strip());
        if (signature == null || !signature.matches()) {
            throw unauthorized();
        }
        byte[] expected = sign(properties.apiSecret(), signature.group(1), body);
        byte[] given = HexFormat.of().parseHex(signature.group(2));
        if (!MessageDigest.isEqual(expected, given)) {
            throw unauthorized();
        }
        Instant now = clock.instant();
        Instant sent = Instant.ofEpochSecond(Long.parseLong(signature.group(1)));
        if (Duration.between(sent, now).abs().compareTo(properties.apiMaxSkew()) > 0) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, 20003, "The post's timestamp is too far from the server's clock");
        }
        db.sql("delete from interaction_post where received_at < ?").param(Iso.utc(now.minus(properties.apiMaxSkew().multipliedBy(2))))
                .update();
        try {
            db.sql("insert into interaction_post (signature_digest, received_at) values (?, ?)")
                    .params(HexFormat.of().formatHex(sha256(given)), Iso.utc(now)).update();
        } catch (DuplicateKeyException replay) {
            throw new ApiException(HttpStatus.CONFLICT, 20409, "This post was already received");
        }
    }

    /** The header value for a body, as a CRM computes it. */
    static String header(String secret, long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(sign(secret, Long.toString(epochSeconds), body));
    }

    private static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is part of every JDK", e);
        }
    }

    private static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, 20003, "Authenticate: the post's signature does not match");
    }
}
