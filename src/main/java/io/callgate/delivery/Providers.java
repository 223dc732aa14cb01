package io.callgate.delivery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The providers of each channel, in order of preference, built at start from
 * {@code callgate.delivery.providers} by the factory of each provider's {@code type}, plus the
 * providers that are beans of their own (the dev inbox).
 */
@Component
public class Providers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Providers.class);

    private final Map<String, DeliveryProvider> byId = new LinkedHashMap<>();
    private final Map<Channel, List<DeliveryProvider>> byChannel = new EnumMap<>(Channel.class);

    Providers(DeliveryProperties properties, List<ProviderFactory> factories, List<DeliveryProvider> beans) {
        try {
            build(properties, factories, beans);
        } catch (RuntimeException e) {
            destroy(); // the providers built before the mistake may already hold connections and threads
            throw e;
        }
    }

    private void build(DeliveryProperties properties, List<ProviderFactory> factories, List<DeliveryProvider> beans) {
        Map<String, ProviderFactory> factoryByType = factories.stream()
                .collect(Collectors.toMap(ProviderFactory::type, Function.identity()));
        beans.forEach(p -> byId.put(p.id(), p));
        properties.providers().forEach((id, settings) -> {
            String type = settings.get("type");
            ProviderFactory factory = factoryByType.get(type == null ? "" : type.toLowerCase(Locale.ROOT));
            if (factory == null) {
                throw new IllegalArgumentException("provider " + id + ": unknown type '" + type + "', expected one of "
                        + factoryByType.keySet());
            }
            Map<String, String> rest = new LinkedHashMap<>(settings);
            rest.remove("type");
            byId.put(id, factory.create(id, new ProviderSettings(id, rest)));
            log.info("delivery provider {} ({})", id, factory.description());
        });
        for (Channel channel : Channel.values()) {
            List<String> configured = properties.channels().get(channel.wireName());
            List<DeliveryProvider> chain = new ArrayList<>();
            if (configured == null) {
                byId.values().stream().filter(p -> p.channels().contains(channel)).forEach(chain::add);
            } else {
                for (String id : configured) {
                    DeliveryProvider provider = byId.get(id.trim());
                    if (provider == null || !provider.channels().contains(channel)) {
                        throw new IllegalArgumentException("channel " + channel.wireName() + ": provider '" + id
                                + "' is not configured or does not serve this channel");
                    }
                    chain.add(provider);
                }
            }
            byChannel.put(channel, List.copyOf(chain));
            if (chain.isEmpty()) {
                log.warn("no delivery provider serves the {} channel: verifications on it will be refused", channel.wireName());
            } else {
                log.info("channel {} delivers through {}", channel.wireName(),
                        chain.stream().map(DeliveryProvider::id).toList());
            }
        }
    }

    /** The providers of a channel, most preferred first. */
    public List<DeliveryProvider> forChannel(Channel channel) {
        return byChannel.get(channel);
    }

    public DeliveryProvider byId(String id) {
        return byId.get(id);
    }

    /** Closes every provider that holds resources, even when closing another fails. */
    @Override
    public void destroy() {
        for (DeliveryProvider provider : byId.values()) {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("closing delivery provider {} failed", provider.id(), e);
                }
            }
        }
    }
}
