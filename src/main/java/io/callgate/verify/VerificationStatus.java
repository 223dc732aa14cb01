package io.callgate.verify;

import java.util.Locale;

/** Where a verification stands; every state but PENDING is final. */
public enum VerificationStatus {
    PENDING("waiting for the code"),
    APPROVED("the right code was checked"),
    CANCELED("canceled through the API"),
    EXPIRED("the code's validity ran out before it was checked"),
    MAX_ATTEMPTS_REACHED("every allowed check was used with a wrong code"),
    FAILED("the code could not be delivered");

    private final String reason;

    VerificationStatus(String reason) {
        this.reason = reason;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Why a verification is in this state, in plain words. */
    public String reason() {
        return reason;
    }

    public static VerificationStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
