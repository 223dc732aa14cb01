package io.callgate.delivery;

/** A message could not be handed to any provider. The message never contains the code. */
public class DeliveryException extends RuntimeException {

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** True for faults worth trying again (connection errors, timeouts, 5xx, 429). */
    public boolean isRetryable() {
        return retryable;
    }
}
