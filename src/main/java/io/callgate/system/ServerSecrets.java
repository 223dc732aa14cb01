package io.callgate.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server's secrets, kept outside the database: the master key (from {@code callgate.secret-key}
 * or a key file created at first start) and the account credentials of the /v2 API.
 *
 * <p>Purpose-specific keys are derived from the master key with HMAC, so one secret to back up
 * protects code hashes, sealed codes and API key secrets without reusing a key for two jobs.
 */
@Component
public class ServerSecrets {

    private static final Logger log = LoggerFactory.getLogger(ServerSecrets.class);

    /** Keys of the secrets file that the command line also reads. */
    public static final String ACCOUNT_SID_KEY = "account-sid";
    public static final String AUTH_TOKEN_KEY = "auth-token";

    private final byte[] masterKey;
    private final String accountSid;
    private final byte[] authToken;

    ServerSecrets(@Value("${callgate.secret-key:}") String configuredKey,
                  @Value("${callgate.account-sid:}") String configuredAccountSid,
                  @Value("${callgate.auth-token:}") String configuredAuthToken,
                  @Value("${callgate.secrets-file:./data/callgate-secrets.properties}") Path file) {
        Properties stored = configuredKey.isBlank() || configuredAccountSid.isBlank() || configuredAuthToken.isBlank()
                ? loadOrCreate(file) : new Properties();
        this.masterKey = Base64.getDecoder().decode(
                configuredKey.isBlank() ? stored.getProperty("secret-key") : configuredKey);
        if (masterKey.length < 32) {
            throw new IllegalStateException("callgate.secret-key must be at least 32 bytes, base64-encoded");
        }
        this.accountSid = configuredAccountSid.isBlank() ? stored.getProperty(ACCOUNT_SID_KEY) : configuredAccountSid;
        if (!Sids.looksLike("AC", accountSid)) {
            throw new IllegalStateException("callgate.account-sid must look like AC followed by 32 hex digits");
        }
        String token = configuredAuthToken.isBlank() ? stored.getProperty(AUTH_TOKEN_KEY) : configuredAuthToken;
        this.authToken = token.getBytes(StandardCharsets.UTF_8);
    }

    public String accountSid() {
        return accountSid;
    }

    /** Constant-time check of the account auth token. */
    public boolean isAuthToken(String candidate) {
        return candidate != null && MessageDigest.isEqual(authToken, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** A 256-bit key for one purpose, derived from the master key. */
    public byte[] derivedKey(String purpose) {
        return hmac(masterKey, purpose.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("HmacSHA256 is required on every JVM", e);
        }
    }

    private static Properties loadOrCreate(Path file) {
        Properties props = new Properties();
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            try (var in = Files.newBufferedReader(file)) {
                props.load(in);
            }
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets file " + file.toAbsolutePath(), e);
        }
    }

    private static void create(Path file) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] token = new byte[16];
        random.nextBytes(token);
        String accountSid = Sids.next("AC");
        String authToken = HexFormat.of().formatHex(token);
        Properties props = new Properties();
        props.setProperty("secret-key", Base64.getEncoder().encodeToString(key));
        props.setProperty(ACCOUNT_SID_KEY, accountSid);
        props.setProperty(AUTH_TOKEN_KEY, authToken);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "secrets", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the directory's permissions apply
        }
        try (var out = Files.newBufferedWriter(tmp)) {
            props.store(out, "callgate secrets: back this file up and keep it out of the database");
        }
        try {
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
            return;
        }
        // Printed once, at first start, so the operator can configure the API client.
        System.out.printf("%n  callgate created its credentials in %s%n    Account SID: %s%n    Auth token:  %s%n%n",
                file.toAbsolutePath(), accountSid, authToken);
        log.info("created secrets file {}", file.toAbsolutePath());
    }
}
