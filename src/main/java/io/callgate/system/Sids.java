package io.callgate.system;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Twilio-style resource identifiers: a two-letter prefix and 32 lower-case hex digits. */
public final class Sids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");

    private Sids() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** True when {@code sid} has the shape of an identifier with the given prefix. */
    public static boolean looksLike(String prefix, String sid) {
        return sid != null && sid.startsWith(prefix) && SHAPE.matcher(sid).matches();
    }
}
