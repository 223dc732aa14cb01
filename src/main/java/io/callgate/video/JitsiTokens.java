package io.callgate.video;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Jitsi Meet tokens (prosody token authentication): {@code iss} the app id, {@code aud}, {@code sub}, the bare
 * {@code room}, and {@code context.user}. Who moderates comes from the room's policy, never from who joined
 * first: written both as a top-level {@code moderator} (token_moderation plugin) and as
 * {@code context.user.moderator} with {@code affiliation} (token_affiliation plugin), so either plugin obeys it.
 */
@Component
class JitsiTokens implements TokenSigner {

    private final VideoProperties.Jitsi settings;

    JitsiTokens(VideoProperties properties) {
        this.settings = properties.jitsi();
    }

    @Override
    public RoomKind kind() {
        return RoomKind.JITSI;
    }

    @Override
    public Optional<String> missingSettings() {
        return settings.missing();
    }

    @Override
    public String sign(Room room, Participant participant, Instant now, Instant expiresAt) {
        // Jitsi reads context.user's fields as strings.
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", participant.identity());
        user.put("name", participant.name());
        if (participant.email() != null) {
            user.put("email", participant.email());
        }
        user.put("moderator", Boolean.toString(participant.moderator()));
        user.put("affiliation", participant.moderator() ? "owner" : "member");
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.appId())
                .audience(settings.audience())
                .subject(settings.subject())
                .claim("room", room.name())
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .claim("moderator", participant.moderator())
                .claim("context", Map.of("user", user))
                .build();
        return TokenSigner.sign(TokenSigner.hs256().build(), claims, settings.appSecret());
    }
}
