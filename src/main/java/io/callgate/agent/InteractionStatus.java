package io.callgate.agent;

import java.util.Locale;

/** Where an interaction stands in the agent's verification of the caller. */
public enum InteractionStatus {
    /** No code is out: nothing sent yet, or the last one was canceled or used up. */
    WAITING,
    /** A code went to the caller; the agent waits for them to read it back. */
    CODE_SENT,
    /** The caller read back the right code, or logged in on the IVR before. */
    VERIFIED,
    /** Too many wrong read-backs: this interaction can no longer be verified. */
    LOCKED,
    /** The agent closed it. */
    ENDED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static InteractionStatus parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
