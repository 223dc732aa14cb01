package io.callgate.voice;

import io.callgate.api.ApiException;
import io.callgate.verify.Destination;
import java.util.Optional;
import java.util.Set;

/**
 * Caller IDs as carriers give them in {@code From}: an E.164 number, or something that names nobody — withheld
 * numbers ({@code anonymous}, and Twilio's keypad spellings such as {@code +266696687} for ANONYMOUS), SIP URIs,
 * browser clients.
 */
public final class CallerIds {

    /** Twilio's stand-ins for a withheld number: ANONYMOUS, RESTRICTED, BLOCKED, UNAVAILABLE, UNKNOWN spelled on a keypad. */
    private static final Set<String> WITHHELD = Set.of("+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253");

    private CallerIds() {
    }

    /** The caller's number in E.164, or empty when the caller ID names no phone number. */
    public static Optional<String> e164(String from) {
        if (from == null || from.isBlank() || from.length() > 40) {
            return Optional.empty();
        }
        String trimmed = from.trim();
        if (!trimmed.startsWith("+") || WITHHELD.contains(trimmed)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Destination.phone(trimmed).address());
        } catch (ApiException notAPhoneNumber) {
            return Optional.empty();
        }
    }
}
