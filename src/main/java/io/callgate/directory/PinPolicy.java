package io.callgate.directory;

import io.callgate.api.ApiException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Which PINs an account may be given: 4 to 8 digits (what the IVR gathers), none of the first
 * guesses an attacker tries (one repeated digit, a straight run up or down, the account number).
 * No composition rules and no expiry, as NIST SP 800-63B advises.
 */
public final class PinPolicy {

    public static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{1,10}");
    public static final Pattern PIN = Pattern.compile("[0-9]{4,8}");

    private PinPolicy() {
    }

    /** Refuses an unacceptable PIN with a 400 that names the rule, never the PIN. */
    public static void requireAcceptable(String pin, String accountNumber) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200, "Invalid parameter: pin must be 4 to 8 digits");
        }
        if (isRepeated(pin) || isStraightRun(pin) || pin.equals(accountNumber)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200,
                    "Invalid parameter: pin is too easy to guess (a repeated digit, a straight run or the account number)");
        }
    }

    private static boolean isRepeated(String pin) {
        return pin.chars().allMatch(c -> c == pin.charAt(0));
    }

    private static boolean isStraightRun(String pin) {
        int step = pin.charAt(1) - pin.charAt(0);
        if (Math.abs(step) != 1) {
            return false;
        }
        for (int i = 2; i < pin.length(); i++) {
            if (pin.charAt(i) - pin.charAt(i - 1) != step) {
                return false;
            }
        }
        return true;
    }
}
