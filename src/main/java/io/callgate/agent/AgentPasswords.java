package io.callgate.agent;

import io.callgate.directory.PinHasher;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Spring Security's view of agent passwords: Argon2id with the server's pepper, as for PINs. */
final class AgentPasswords implements PasswordEncoder {

    private final PinHasher hasher;

    AgentPasswords(PinHasher hasher) {
        this.hasher = hasher;
    }

    @Override
    public String encode(CharSequence raw) {
        return hasher.hash(raw.toString());
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        return hasher.verify(raw == null ? "" : raw.toString(), encoded);
    }

    @Override
    public boolean upgradeEncoding(String encoded) {
        return hasher.needsRehash(encoded);
    }
}
