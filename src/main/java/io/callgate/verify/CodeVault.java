package io.callgate.verify;

import io.callgate.system.ServerSecrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Keeps codes out of the database in the clear.
 *
 * <p>Checks compare an HMAC-SHA-256 of {@code sid|code} keyed with a server key, in constant time.
 * While a verification is pending, a copy sealed with AES-256-GCM (the verification sid as
 * associated data) lets a resend repeat the same code, as Twilio does; it is erased when the
 * verification ends. Both keys live outside the database.
 */
@Component
public class CodeVault {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] hmacKey;
    private final SecretKeySpec sealKey;

    CodeVault(ServerSecrets secrets) {
        this.hmacKey = secrets.derivedKey("code-hmac");
        this.sealKey = new SecretKeySpec(secrets.derivedKey("code-seal"), "AES");
    }

    public String hash(String verificationSid, OneTimeCode code) {
        byte[] data = (verificationSid + "|" + code.reveal()).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(ServerSecrets.hmac(hmacKey, data));
    }

    public boolean matches(String verificationSid, OneTimeCode candidate, String storedHash) {
        byte[] expected = storedHash == null ? new byte[64] : storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(verificationSid, candidate).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) && storedHash != null;
    }

    public String seal(String verificationSid, OneTimeCode code) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(128, iv));
            cipher.updateAAD(verificationSid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(code.reveal().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new AssertionError("AES/GCM is required on every JVM", e);
        }
    }

    public OneTimeCode unseal(String verificationSid, String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, bytes, 0, 12));
            cipher.updateAAD(verificationSid.getBytes(StandardCharsets.UTF_8));
            return OneTimeCode.of(new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed code could not be opened: was the secret key changed?", e);
        }
    }
}
