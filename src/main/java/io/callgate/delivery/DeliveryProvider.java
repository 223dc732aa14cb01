package io.callgate.delivery;

import java.util.Set;

/**
 * Something that hands messages to a network: a carrier's REST API, an SMPP link, an SMTP relay,
 * the dev inbox. Implementations are built by a {@link ProviderFactory} from their configuration.
 */
public interface DeliveryProvider {

    /** The configured name of this provider, as channels list it and attempts record it. */
    String id();

    Set<Channel> channels();

    /**
     * Hands the message over.
     *
     * @return the provider's own reference for the message (for delivery receipts), or null
     * @throws DeliveryException when it is refused: retryable (connection, timeout, 5xx, 429) or permanent
     */
    String send(OutboundMessage message);
}
