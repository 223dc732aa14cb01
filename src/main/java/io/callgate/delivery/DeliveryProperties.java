package io.callgate.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery settings ({@code callgate.delivery.*}).
 *
 * @param channels for each channel, its provider ids in order of preference; a channel not listed
 *                 uses every provider that serves it (the dev inbox in development)
 * @param providers provider id to its settings, each with a {@code type}
 * @param maxTries deliveries tried per message before it is given up
 * @param firstRetry delay before the first retry; each further retry doubles it, with jitter
 * @param lease how long a node owns a message it is delivering before another may take it over;
 *              renewed while the delivery runs, so it only runs out when the node stops
 * @param pollInterval how often each node looks for due messages when there is no backlog
 * @param maxInFlight deliveries the poller of one node runs at the same time (first tries, made
 *                    inside their start requests, are not counted)
 */
@ConfigurationProperties("callgate.delivery")
public record DeliveryProperties(
        @DefaultValue Map<String, List<String>> channels,
        @DefaultValue Map<String, Map<String, String>> providers,
        @DefaultValue("6") int maxTries,
        @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("64") int maxInFlight) {
}
