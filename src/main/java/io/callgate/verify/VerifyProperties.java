package io.callgate.verify;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Verification defaults ({@code callgate.verify.*}).
 *
 * @param codeValidity how long a new service's codes stay checkable (Twilio: 10 minutes)
 * @param maxSendAttempts sends per verification; the next one gets 60203
 * @param maxCheckAttempts checks per verification; the next one gets 60202
 * @param serviceCacheTtl how long a node keeps a service it read; a change made on another node
 *        shows here within this time (0 reads the database every time)
 */
@Validated
@ConfigurationProperties("callgate.verify")
public record VerifyProperties(
        @NotNull @DefaultValue("10m") Duration codeValidity,
        @DefaultValue("5") int maxSendAttempts,
        @DefaultValue("5") int maxCheckAttempts,
        @NotNull @DefaultValue("1s") Duration serviceCacheTtl) {
}
