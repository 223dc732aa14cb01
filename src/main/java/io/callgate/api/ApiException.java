package io.callgate.api;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * A refusal in the API's own format: {@code {code, message, more_info, status}}.
 * Messages never carry codes, PINs or secrets.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final int code;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, int code, String message) {
        this(status, code, message, null);
    }

    public ApiException(HttpStatus status, int code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static ApiException invalidParameter(String name) {
        return new ApiException(HttpStatus.BAD_REQUEST, 60200, "Invalid parameter: " + name);
    }

    public static ApiException missingParameter(String name) {
        return new ApiException(HttpStatus.BAD_REQUEST, 60200, "Missing required parameter " + name + " in the post body");
    }

    /** Twilio's 404 message names the path without the version prefix. */
    public static ApiException notFound(String resourcePath) {
        return new ApiException(HttpStatus.NOT_FOUND, 20404,
                "The requested resource " + resourcePath + " was not found");
    }

    public static ApiException tooManyRequests(Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, 20429, "Too many requests", retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public int code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
