package io.callgate.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.TestSecrets;
import io.callgate.support.TestServer;
import org.junit.jupiter.api.Test;

class PinHasherTest {

    private static final PinHasher HASHER = new PinHasher(TestSecrets.withKey(TestServer.SECRET_KEY));

    @Test
    void hashesAtOwaspParametersIntoPhcStrings() {
        String hash = HASHER.hash("482913");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hash).doesNotContain("482913");
        assertThat(HASHER.needsRehash(hash)).isFalse();
    }

    @Test
    void verifiesTheRightPinOnly() {
        String hash = HASHER.hash("482913");

        assertThat(HASHER.verify("482913", hash)).isTrue();
        assertThat(HASHER.verify("482914", hash)).isFalse();
        assertThat(HASHER.verify("", hash)).isFalse();
        assertThat(HASHER.verify(null, hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(HASHER.hash("1234")).isNotEqualTo(HASHER.hash("1234"));
    }

    @Test
    void thePepperComesFromTheServerKey() {
        PinHasher otherServer = new PinHasher(TestSecrets.withKey("b3RoZXItc2VydmVyLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE="));
        String hash = HASHER.hash("482913");

        assertThat(otherServer.verify("482913", hash)).isFalse();
    }

    @Test
    void missingOrDamagedHashesNeverMatch() {
        String hash = HASHER.hash("482913");
        String flipped = hash.substring(0, hash.length() - 2) + (hash.endsWith("A") ? "BA" : "AA");

        assertThat(HASHER.verify("482913", null)).isFalse();
        assertThat(HASHER.verify("0000000000", null)).isFalse();
        assertThat(HASHER.verify("482913", "not a hash")).isFalse();
        assertThat(HASHER.verify("482913", flipped)).isFalse();
        assertThat(HASHER.verify("482913", hash.replace("m=19456", "m=9999999"))).isFalse();
        assertThat(HASHER.needsRehash("not a hash")).isTrue();
    }

    @Test
    void weakerOldHashesAskToBeReplaced() {
        assertThat(HASHER.needsRehash(HASHER.hash("1234").replace("t=2", "t=1"))).isTrue();
    }

    @Test
    void anUnknownAccountCostsAsMuchAsAWrongPin() {
        String hash = HASHER.hash("482913");
        for (int i = 0; i < 3; i++) { // warm up
            HASHER.verify("111111", hash);
            HASHER.verify("111111", null);
        }
        long known = 0;
        long unknown = 0;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            HASHER.verify("111111", hash);
            long t1 = System.nanoTime();
            HASHER.verify("111111", null);
            long t2 = System.nanoTime();
            known += t1 - t0;
            unknown += t2 - t1;
        }
        // Both do one full Argon2id; a missing hash must not return early (which would be 100x faster).
        assertThat((double) unknown / known).isBetween(0.5, 2.0);
    }
}
