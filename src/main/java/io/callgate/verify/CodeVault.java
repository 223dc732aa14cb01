package io.callgate.verify;

import io.callgate.system.SealedBox;
import io.callgate.system.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
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

    private final byte[] hmacKey;
    private final SealedBox box;

    CodeVault(ServerSecrets secrets) {
        this.hmacKey = secrets.derivedKey("code-hmac");
        this.box = new SealedBox(secrets, "code-seal");
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
        return box.seal(code.reveal(), verificationSid);
    }

    public OneTimeCode unseal(String verificationSid, String sealed) {
        return OneTimeCode.of(box.open(sealed, verificationSid));
    }
}
