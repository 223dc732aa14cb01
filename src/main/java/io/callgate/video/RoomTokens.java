package io.callgate.video;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Mints a participant's join token for a room, and puts it into the room's link when the room has one. */
@Component
class RoomTokens {

    /**
     * A minted token and how it is handed over.
     *
     * @param url the room's link carrying the token; null when the room has none (the token is for an app)
     */
    record RoomToken(String token, Instant expiresAt, String url) {

        @Override
        public String toString() {
            return "RoomToken[expires " + expiresAt + "]";
        }
    }

    private final Map<RoomKind, TokenSigner> signers = new EnumMap<>(RoomKind.class);
    private final VideoProperties properties;
    private final Clock clock;

    RoomTokens(List<TokenSigner> signers, VideoProperties properties, Clock clock) {
        signers.forEach(s -> this.signers.put(s.kind(), s));
        this.properties = properties;
        this.clock = clock;
    }

    /** The settings a kind of room still needs before its tokens can be signed. */
    Optional<String> missingSettings(RoomKind kind) {
        return signers.get(kind).missingSettings();
    }

    RoomToken mint(Room room, Participant participant) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(properties.tokenTtl());
        String token = signers.get(room.kind()).sign(room, participant, now, expiresAt);
        return new RoomToken(token, expiresAt, link(room, token));
    }

    static String link(Room room, String token) {
        if (room.linkTemplate() == null) {
            return null;
        }
        return room.linkTemplate().replace("{room}", encoded(room.name())).replace("{token}", encoded(token));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
