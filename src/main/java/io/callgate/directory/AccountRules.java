package io.callgate.directory;

import io.callgate.api.ApiException;
import io.callgate.verify.Destination;
import java.util.Map;
import java.util.regex.Pattern;

/** What a local account must look like; phone numbers are stored in E.164, email domains in lower case. */
final class AccountRules {

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_ATTRIBUTES = 16;

    private AccountRules() {
    }

    /** The account with its contact points normalised, or a 400 naming the first bad field. */
    static Account normalised(Account account) {
        if (account.number() == null || !PinPolicy.ACCOUNT_NUMBER.matcher(account.number()).matches()) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, 60200,
                    "Invalid parameter: account_number must be 1 to 10 digits");
        }
        String name = account.displayName() == null ? "" : account.displayName().strip();
        if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidParameter("display_name");
        }
        Map<String, String> attributes = account.attributes();
        if (attributes.size() > MAX_ATTRIBUTES || attributes.entrySet().stream().anyMatch(e ->
                !ATTRIBUTE_NAME.matcher(e.getKey()).matches() || e.getValue() == null || e.getValue().length() > 160)) {
            throw ApiException.invalidParameter("attributes");
        }
        return new Account(account.number(), name, contact(account.phone(), "phone"),
                contact(account.email(), "email"), attributes);
    }

    private static String contact(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return field.equals("phone") ? Destination.phone(value.strip()).address() : Destination.email(value.strip()).address();
        } catch (ApiException e) {
            throw ApiException.invalidParameter(field);
        }
    }
}
