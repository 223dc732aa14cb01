package io.callgate.delivery;

import java.util.Set;

/** Something that delivers messages on one or more channels. */
public interface DeliveryProvider {

    /** A short stable name for configuration and attempt records. */
    String id();

    Set<Channel> channels();

    /**
     * Hands the message over.
     *
     * @return the provider's reference for the message, if it gives one
     * @throws DeliveryException when it cannot be delivered
     */
    String send(OutboundMessage message);
}
