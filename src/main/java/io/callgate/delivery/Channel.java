package io.callgate.delivery;

import io.callgate.api.ApiException;
import java.util.Locale;

/** How a code reaches its destination. */
public enum Channel {
    /** A text message to a phone number. */
    SMS,
    /** A voice call that reads the code aloud. */
    CALL,
    /** An email message. */
    EMAIL;

    public static Channel parse(String value) {
        if (value != null) {
            for (Channel channel : values()) {
                if (channel.wireName().equals(value)) {
                    return channel;
                }
            }
        }
        throw ApiException.invalidParameter("Channel");
    }

    /** Lower-case, as the API spells it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isPhone() {
        return this != EMAIL;
    }
}
