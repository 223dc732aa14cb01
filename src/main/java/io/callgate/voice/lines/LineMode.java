package io.callgate.voice.lines;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a line admits callers. */
public enum LineMode {
    /** Everyone who calls joins. */
    OPEN,
    /** A static passcode, typed on the keypad. */
    PASSCODE,
    /** The caller ID must be a member's phone number. */
    ALLOWLIST,
    /** A member's caller ID, then a one-time code sent to that member's phone or email. */
    VERIFIED,
    /** A personal PIN, which also tells who the caller is. */
    PIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static LineMode parse(String value) {
        for (LineMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be open, passcode, allowlist, verified or pin");
    }

    /** Whether callers are identified as members, so moderators can be told apart. */
    public boolean identifiesMembers() {
        return this == ALLOWLIST || this == VERIFIED || this == PIN;
    }
}
