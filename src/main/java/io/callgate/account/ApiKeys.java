package io.callgate.account;

import io.callgate.api.Iso;
import io.callgate.system.ServerSecrets;
import io.callgate.system.Sids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** API keys: the secret is shown once at creation; the database keeps only its HMAC. */
@Component
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient db;
    private final Clock clock;
    private final byte[] hmacKey;

    ApiKeys(JdbcClient db, Clock clock, ServerSecrets secrets) {
        this.db = db;
        this.clock = clock;
        this.hmacKey = secrets.derivedKey("api-key-secret");
    }

    public record ApiKey(String sid, String friendlyName, Instant dateCreated, Instant dateUpdated) {
    }

    public record NewKey(ApiKey key, String secret) {
    }

    public NewKey create(String friendlyName) {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String sid = Sids.next("SK");
        Instant now = clock.instant();
        db.sql("insert into api_key (sid, friendly_name, secret_hmac, date_created, date_updated) values (?,?,?,?,?)")
                .params(sid, friendlyName, digest(secret), Iso.utc(now), Iso.utc(now))
                .update();
        return new NewKey(new ApiKey(sid, friendlyName, now, now), secret);
    }

    public List<ApiKey> list() {
        return db.sql("select sid, friendly_name, date_created, date_updated from api_key order by date_created, sid")
                .query((rs, n) -> new ApiKey(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
    }

    public boolean delete(String sid) {
        return db.sql("delete from api_key where sid = ?").param(sid).update() == 1;
    }

    /** Constant-time check of an API key secret. */
    public boolean authenticates(String sid, String secret) {
        Optional<String> stored = db.sql("select secret_hmac from api_key where sid = ?").param(sid)
                .query(String.class).optional();
        byte[] expected = stored.map(s -> s.getBytes(StandardCharsets.US_ASCII)).orElse(new byte[64]);
        boolean match = MessageDigest.isEqual(expected, digest(secret).getBytes(StandardCharsets.US_ASCII));
        return stored.isPresent() && match;
    }

    private String digest(String secret) {
        return HexFormat.of().formatHex(ServerSecrets.hmac(hmacKey, secret.getBytes(StandardCharsets.UTF_8)));
    }
}
