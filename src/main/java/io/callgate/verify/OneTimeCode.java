package io.callgate.verify;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A code in memory. It never prints itself, so it cannot slip into a log line or an exception.
 */
public final class OneTimeCode {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CUSTOM = Pattern.compile("[A-Za-z0-9]{4,10}");

    private final String value;

    private OneTimeCode(String value) {
        this.value = value;
    }

    /** A uniformly random numeric code of {@code length} digits. */
    public static OneTimeCode random(int length) {
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + RANDOM.nextInt(10));
        }
        return new OneTimeCode(new String(digits));
    }

    public static OneTimeCode of(String value) {
        return new OneTimeCode(value);
    }

    /** Custom codes may be 4–10 letters or digits. */
    public static boolean isValidCustom(String value) {
        return value != null && CUSTOM.matcher(value).matches();
    }

    /** The digits, for the message that delivers them and for hashing. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "OneTimeCode[hidden]";
    }
}
