package io.callgate.directory;

import io.callgate.system.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.stereotype.Component;

/**
 * Hashes PINs and passcodes with Argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane) and a
 * 128-bit salt, into PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}).
 *
 * <p>The pepper is Argon2's own secret input, derived from the server key, so a database dump
 * alone does not allow an offline guess even of a 4-digit PIN. Every check costs one full hash,
 * also {@link #verify(String, String) against no hash at all}, so callers can answer an unknown
 * account in the same time as a wrong PIN. Thread-safe; at most two hashes per processor run at
 * once (each takes 19 MiB), so a burst of calls queues instead of exhausting memory.
 */
@Component
public class PinHasher {

    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private final byte[] pepper;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore running = new Semaphore(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()), true);
    /** Stands in for a missing hash, so that verifying against nothing costs a real hash. */
    private final String dummy;

    public PinHasher(ServerSecrets secrets) {
        this.pepper = secrets.derivedKey("pin-pepper");
        this.dummy = hash("0000000000");
    }

    /** A fresh PHC string for the secret. */
    public String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(secret, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether the secret matches the stored PHC string, compared in constant time. A null or
     * unreadable stored value is checked against a dummy hash and never matches.
     */
    public boolean verify(String secret, String stored) {
        Matcher phc = stored == null ? null : PHC.matcher(stored);
        boolean readable = phc != null && phc.matches();
        Matcher used = readable ? phc : PHC.matcher(dummy);
        if (!readable) {
            used.matches();
        }
        int memory = Integer.parseInt(used.group(1));
        int iterations = Integer.parseInt(used.group(2));
        int parallelism = Integer.parseInt(used.group(3));
        if (memory < 8 * parallelism || iterations < 1 || parallelism < 1 || memory > 1024 * 1024) {
            return verify(secret, null);
        }
        byte[] salt = B64_DECODE.decode(used.group(4));
        byte[] expected = B64_DECODE.decode(used.group(5));
        byte[] actual = argon2(secret == null ? "" : secret, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual) && readable;
    }

    /** Whether a stored hash was made with weaker parameters than today's and should be replaced at the next login. */
    public boolean needsRehash(String stored) {
        Matcher phc = stored == null ? null : PHC.matcher(stored);
        return phc == null || !phc.matches() || Integer.parseInt(phc.group(1)) < MEMORY_KIB
                || Integer.parseInt(phc.group(2)) < ITERATIONS;
    }

    private byte[] argon2(String secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).withSecret(pepper).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            running.release();
        }
        return out;
    }
}
