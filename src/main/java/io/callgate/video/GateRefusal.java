package io.callgate.video;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * Why the gate did not go on. The page and the JSON API show it in their own way; neither tells a known identity
 * from an unknown one, because the gate refuses both for the same reasons.
 *
 * @param hint for a refused code: where the ticket's code went, to ask again
 * @param attemptsLeft for a refused code: how many more codes the ticket takes
 */
final class GateRefusal extends RuntimeException {

    enum Reason {
        UNKNOWN_ROOM(HttpStatus.NOT_FOUND, "There is no such room"),
        INVALID_IDENTITY(HttpStatus.BAD_REQUEST, "identity must be 1 to 64 letters, digits or . _ @ + -"),
        INVALID_CODE(HttpStatus.BAD_REQUEST, "code must be 4 to 10 digits"),
        INVALID_TICKET(HttpStatus.BAD_REQUEST, "The ticket is not valid, has expired or was used: start again"),
        WRONG_CODE(HttpStatus.FORBIDDEN, "The code is not right"),
        TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "The code is not right and the ticket takes no more: start again"),
        TOO_MANY_TICKETS(HttpStatus.TOO_MANY_REQUESTS, "Too many codes were asked for this identity: wait and start again"),
        UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The room cannot be joined now");

        final HttpStatus status;
        final String message;

        Reason(HttpStatus status, String message) {
            this.status = status;
            this.message = message;
        }

        /** As the API and the page's words name it: {@code wrong_code}. */
        String slug() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;
    private final transient ContactHint hint;
    private final int attemptsLeft;
    private final Duration retryAfter;

    GateRefusal(Reason reason) {
        this(reason, null, -1, null);
    }

    GateRefusal(Reason reason, ContactHint hint, int attemptsLeft, Duration retryAfter) {
        super(reason.message, null, false, false);
        this.reason = reason;
        this.hint = hint;
        this.attemptsLeft = attemptsLeft;
        this.retryAfter = retryAfter;
    }

    static GateRefusal tooManyTickets(Duration retryAfter) {
        return new GateRefusal(Reason.TOO_MANY_TICKETS, null, -1, retryAfter);
    }

    Reason reason() {
        return reason;
    }

    ContactHint hint() {
        return hint;
    }

    /** -1 where it does not apply. */
    int attemptsLeft() {
        return attemptsLeft;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
