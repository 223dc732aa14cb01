package io.callgate.video;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * LiveKit access tokens: {@code iss} the API key, {@code sub} the identity, {@code name}, and a {@code video}
 * grant to join this one room, publish and subscribe. Only moderators get {@code roomAdmin} (mute, remove).
 */
@Component
class LiveKitTokens implements TokenSigner {

    private final VideoProperties.LiveKit settings;

    LiveKitTokens(VideoProperties properties) {
        this.settings = properties.livekit();
    }

    @Override
    public RoomKind kind() {
        return RoomKind.LIVEKIT;
    }

    @Override
    public Optional<String> missingSettings() {
        return settings.missing();
    }

    @Override
    public String sign(Room room, Participant participant, Instant now, Instant expiresAt) {
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("roomJoin", true);
        video.put("room", room.name());
        video.put("canPublish", true);
        video.put("canSubscribe", true);
        if (participant.moderator()) {
            video.put("roomAdmin", true);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.apiKey())
                .subject(participant.identity())
                .claim("name", participant.name())
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .claim("video", video)
                .build();
        return TokenSigner.sign(TokenSigner.hs256().build(), claims, settings.apiSecret());
    }
}
