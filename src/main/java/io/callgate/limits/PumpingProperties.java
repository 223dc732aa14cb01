package io.callgate.limits;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * SMS-pumping defence ({@code callgate.limits.pumping.*}), per number prefix (the E.164 number
 * without its last four digits: a block of 10,000 numbers, which is how pumping traffic arrives).
 *
 * @param maxSendsPerPrefixPerHour sms and call sends to one prefix in any hour
 * @param conversionWindow how far back conversion is judged
 * @param minSends sends in the window before conversion is judged at all
 * @param minConversionRate below this share of approved sends the prefix is blocked
 * @param grace sends younger than this are not judged yet (their codes may still be checked)
 * @param blockDuration how long a prefix stays blocked once it trips
 */
@Validated
@ConfigurationProperties("callgate.limits.pumping")
public record PumpingProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @DefaultValue("120") int maxSendsPerPrefixPerHour,
        @DefaultValue("24h") Duration conversionWindow,
        @Min(1) @DefaultValue("50") int minSends,
        @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.2") double minConversionRate,
        @DefaultValue("10m") Duration grace,
        @DefaultValue("12h") Duration blockDuration) {
}
