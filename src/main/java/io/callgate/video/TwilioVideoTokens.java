package io.callgate.video;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Twilio Programmable Video access tokens, as twilio-java writes them: header {@code cty: twilio-fpa;v=1},
 * {@code iss} the API key SID, {@code sub} the account SID, {@code jti} the key SID and the issue second, and
 * {@code grants} with the identity and a video grant for this room. Legacy: Twilio closes Programmable Video on
 * 5 December 2026; Twilio Video has no moderator role, so the room's policy is not in these tokens.
 */
@Component
class TwilioVideoTokens implements TokenSigner {

    private final VideoProperties.Twilio settings;

    TwilioVideoTokens(VideoProperties properties) {
        this.settings = properties.twilio();
    }

    @Override
    public RoomKind kind() {
        return RoomKind.TWILIO;
    }

    @Override
    public Optional<String> missingSettings() {
        return settings.missing();
    }

    @Override
    public String sign(Room room, Participant participant, Instant now, Instant expiresAt) {
        Map<String, Object> grants = new LinkedHashMap<>();
        grants.put("identity", participant.identity());
        grants.put("video", Map.of("room", room.name()));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(settings.apiKeySid() + "-" + now.getEpochSecond())
                .issuer(settings.apiKeySid())
                .subject(settings.accountSid())
                .expirationTime(Date.from(expiresAt))
                .claim("grants", grants)
                .build();
        return TokenSigner.sign(TokenSigner.hs256().contentType("twilio-fpa;v=1").build(), claims,
                settings.apiKeySecret());
    }
}
