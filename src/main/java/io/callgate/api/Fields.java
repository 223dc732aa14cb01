package io.callgate.api;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Checks of the fields of an admin document (a line, a room), failing with the API's 400 that names the field
 * and what it should be, never the value given (it may be a PIN).
 */
public final class Fields {

    private Fields() {
    }

    public static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200, "Missing required parameter " + field);
        }
        return value;
    }

    /** The text without surrounding blanks: 1 to {@code max} characters. */
    public static String text(String value, String field, int max) {
        String t = value.strip();
        if (t.isEmpty() || t.length() > max) {
            throw invalid(field, "1 to " + max + " characters");
        }
        return t;
    }

    /** An absolute http or https URL. */
    public static URI httpUrl(String value, String field) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    || uri.getHost() == null) {
                throw invalid(field, "an absolute http or https URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw invalid(field, "an absolute http or https URL");
        }
    }

    public static ApiException invalid(String field, String expected) {
        return new ApiException(HttpStatus.BAD_REQUEST, 60200, "Invalid parameter: " + field + " (expected " + expected + ")");
    }
}
