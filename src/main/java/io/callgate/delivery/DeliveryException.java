package io.callgate.delivery;

/**
 * A provider could not take a message. Retryable faults (connection errors, timeouts, 5xx, 429)
 * move on to the next provider and are retried later; permanent ones (an invalid number, a
 * fraud or geo block) stop there. The message never contains the code.
 */
public class DeliveryException extends RuntimeException {

    private final boolean retryable;
    private final String errorCode;

    private DeliveryException(String message, boolean retryable, String errorCode, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.errorCode = errorCode;
    }

    public static DeliveryException retryable(String message, Throwable cause) {
        return new DeliveryException(message, true, null, cause);
    }

    /** @param errorCode the provider's own error code, when it gives one */
    public static DeliveryException permanent(String message, String errorCode) {
        return new DeliveryException(message, false, errorCode, null);
    }

    public boolean isRetryable() {
        return retryable;
    }

    public String errorCode() {
        return errorCode;
    }
}
