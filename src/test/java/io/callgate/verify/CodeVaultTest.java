package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callgate.support.TestSecrets;
import io.callgate.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeVaultTest {

    private static final String A = "VE0000000000000000000000000000000a";
    private static final String B = "VE0000000000000000000000000000000b";
    private static final OneTimeCode CODE = OneTimeCode.of("123456");

    private final CodeVault vault = vault(TestServer.SECRET_KEY);

    @Test
    void theHashIsStableKeyedAndBoundToTheVerification() {
        String hash = vault.hash(A, CODE);
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(vault.hash(A, OneTimeCode.of("123456")));
        assertThat(vault.matches(A, CODE, hash)).isTrue();
        assertThat(vault.matches(A, OneTimeCode.of("123457"), hash)).isFalse();
        // OTP-4: the same code of verification A does not pass on B.
        assertThat(vault.hash(B, CODE)).isNotEqualTo(hash);
        assertThat(vault.matches(B, CODE, hash)).isFalse();
        // Keyed: another server key gives another hash, so a database alone cannot be brute-forced.
        assertThat(vault(otherKey()).hash(A, CODE)).isNotEqualTo(hash);
        // A finished verification has no hash; nothing matches it.
        assertThat(vault.matches(A, CODE, null)).isFalse();
    }

    @Test
    void aSealedCodeOpensOnlyWithItsKeyAndVerification() {
        String sealed = vault.seal(A, CODE);
        assertThat(sealed).doesNotContain("123456");
        assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1)).doesNotContain("123456");
        assertThat(vault.unseal(A, sealed).reveal()).isEqualTo("123456");
        assertThat(vault(TestServer.SECRET_KEY).unseal(A, sealed).reveal()).isEqualTo("123456");

        assertThatThrownBy(() -> vault(otherKey()).unseal(A, sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vault.unseal(B, sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealingTheSameCodeTwiceGivesDifferentTexts() {
        Set<String> sealed = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            sealed.add(vault.seal(A, CODE));
        }
        assertThat(sealed).hasSize(100);
    }

    private static CodeVault vault(String base64Key) {
        return new CodeVault(TestSecrets.withKey(base64Key));
    }

    private static String otherKey() {
        return Base64.getEncoder().encodeToString("another-secret-key-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII));
    }
}
