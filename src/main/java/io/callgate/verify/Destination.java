package io.callgate.verify;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.callgate.api.ApiException;
import io.callgate.delivery.Channel;
import java.util.regex.Pattern;

/**
 * Where a code goes: an E.164 phone number (with its country) or an email address.
 *
 * <p>Phone numbers must be given in international form ({@code +} and country code). Spaces,
 * dashes, dots and brackets are tolerated and removed; anything libphonenumber cannot accept as a
 * possible number is refused, so nothing odd reaches a carrier.
 */
public record Destination(String address, String country) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern PHONE_CHARS = Pattern.compile("\\+[0-9 ().\\-]{2,30}");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251})\\.[A-Za-z]{2,63}");

    public static Destination parse(String to, Channel channel) {
        if (to == null || to.isBlank()) {
            throw ApiException.missingParameter("To");
        }
        return channel == Channel.EMAIL ? email(to.trim()) : phone(to.trim());
    }

    /** A destination as given to a check: a phone number or an email address, whichever it looks like. */
    public static Destination parseAny(String to) {
        if (to == null || to.isBlank()) {
            throw ApiException.missingParameter("To");
        }
        return to.contains("@") ? email(to.trim()) : phone(to.trim());
    }

    public static Destination phone(String to) {
        if (!PHONE_CHARS.matcher(to).matches()) {
            throw ApiException.invalidParameter("To");
        }
        try {
            PhoneNumber number = PHONES.parse(to, null);
            if (!PHONES.isPossibleNumber(number)) {
                throw ApiException.invalidParameter("To");
            }
            String e164 = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            String region = PHONES.getRegionCodeForNumber(number);
            if (region == null) {
                region = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
            }
            return new Destination(e164, "ZZ".equals(region) || "001".equals(region) ? null : region);
        } catch (NumberParseException e) {
            throw ApiException.invalidParameter("To");
        }
    }

    public static Destination email(String to) {
        if (to.length() > 320 || !EMAIL.matcher(to).matches()) {
            throw ApiException.invalidParameter("To");
        }
        int at = to.lastIndexOf('@');
        // The domain part is case-insensitive; the local part is kept as given.
        return new Destination(to.substring(0, at) + to.substring(at).toLowerCase(java.util.Locale.ROOT), null);
    }

    public boolean isEmail() {
        return address.contains("@");
    }

    /** For logs and screens: {@code +1******4567}, {@code j***@example.com}. */
    public String masked() {
        return mask(address);
    }

    public static String mask(String address) {
        if (address == null) {
            return null;
        }
        int at = address.indexOf('@');
        if (at >= 0) {
            return (at > 0 ? address.charAt(0) : "") + "***" + address.substring(at);
        }
        if (address.length() <= 6) {
            return "******";
        }
        return address.substring(0, 2) + "*".repeat(address.length() - 6) + address.substring(address.length() - 4);
    }

    /**
     * What a screen may show a person of where their code went, before they have proven anything: the last two
     * digits of a number ({@code ••••••76}, always six dots, so the number's length does not show either), or the
     * first letter of an email address's name and of its domain ({@code a•••@e•••}).
     */
    public static String hint(String address) {
        int at = address.indexOf('@');
        if (at >= 0) {
            return emailHint(address.charAt(0), at + 1 < address.length() ? address.charAt(at + 1) : '•');
        }
        return numberHint(address.substring(Math.max(0, address.length() - 2)));
    }

    /** A number's hint with these last two digits. */
    public static String numberHint(String lastTwoDigits) {
        return "••••••" + lastTwoDigits;
    }

    /** An email address's hint with these first letters of its name and domain. */
    public static String emailHint(char nameInitial, char domainInitial) {
        return Character.toLowerCase(nameInitial) + "•••@" + Character.toLowerCase(domainInitial) + "•••";
    }

    @Override
    public String toString() {
        return masked();
    }
}
