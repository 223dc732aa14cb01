package io.callgate.delivery;

/**
 * Told what became of each message, by its reference (the send attempt it delivers). The
 * verification feature records it on its attempts; delivery never reads their tables.
 */
public interface DeliveryListener {

    /** A provider took the message. */
    void accepted(String reference, String providerId, String providerReference);

    /** Every provider failed for now; the message will be tried again. */
    void retrying(String reference, String providerId, String error);

    /** The message was given up: refused for good, or out of tries or time. */
    void failed(String reference, String providerId, String errorCode, String error);

    /**
     * A delivery receipt arrived later (SMPP), e.g. {@code delivered} or {@code undelivered}.
     *
     * @return false when no message is known by that reference yet: a receipt can overtake the
     *         {@link #accepted} of its own message, so the provider should offer it again shortly
     */
    boolean receipt(String providerId, String providerReference, String status, String errorCode);
}
