package io.callgate.limits;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limit settings ({@code callgate.limits.*}).
 *
 * @param destinationWindow the rolling window of the per-destination caps
 * @param maxSendsPerDestination sends (first sends and resends) to one destination per window
 * @param maxFailedChecksPerDestination wrong codes checked for one destination per window, across verifications
 * @param lockWait how long a request waits for another request on the same destination before 60212
 *        (PostgreSQL; on H2 the database's {@code LOCK_TIMEOUT} bounds every lock wait)
 * @param allowedCountries ISO 3166 regions that sms and call may reach; {@code *} allows all
 */
@Validated
@ConfigurationProperties("callgate.limits")
public record LimitProperties(
        @NotNull @DefaultValue("24h") Duration destinationWindow,
        @Min(1) @DefaultValue("10") int maxSendsPerDestination,
        @Min(1) @DefaultValue("20") int maxFailedChecksPerDestination,
        @NotNull @DefaultValue("5s") Duration lockWait,
        @DefaultValue("*") Set<String> allowedCountries) {

    public Set<String> normalisedCountries() {
        return allowedCountries.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
