package io.callgate.video;

import java.util.Locale;
import java.util.Optional;

/** The media server a room lives on, which decides the token's layout. */
enum RoomKind {
    LIVEKIT,
    JITSI,
    /** Twilio Programmable Video, which Twilio closes on 5 December 2026: for rooms still moving away. */
    TWILIO;

    static Optional<RoomKind> parse(String value) {
        for (RoomKind kind : values()) {
            if (kind.wireName().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
