package io.callgate.delivery;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a message through the first provider that serves its channel, and on to the next one
 * only when the failure is retryable.
 */
@Component
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final List<DeliveryProvider> providers;

    Deliveries(List<DeliveryProvider> providers) {
        this.providers = providers;
        for (Channel channel : Channel.values()) {
            if (providers.stream().noneMatch(p -> p.channels().contains(channel))) {
                log.warn("no delivery provider serves the {} channel: verifications on it will be refused", channel.wireName());
            }
        }
    }

    /** The id of the provider that took the message. */
    public String deliver(OutboundMessage message) {
        DeliveryException last = new DeliveryException("no provider serves the " + message.channel().wireName() + " channel", false);
        for (DeliveryProvider provider : providers) {
            if (!provider.channels().contains(message.channel())) {
                continue;
            }
            try {
                provider.send(message);
                return provider.id();
            } catch (DeliveryException e) {
                last = e;
                log.warn("provider {} could not deliver {}: {}", provider.id(), message, e.getMessage());
                if (!e.isRetryable()) {
                    break;
                }
            }
        }
        throw last;
    }

    public boolean serves(Channel channel) {
        return providers.stream().anyMatch(p -> p.channels().contains(channel));
    }
}
