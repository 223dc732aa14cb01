package io.callgate.verify;

import io.callgate.delivery.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Verification counters for Prometheus: {@code callgate.verifications.started|approved|expired}
 * by channel, {@code callgate.verification.checks} by outcome.
 */
@Component
class VerifyMetrics {

    private final MeterRegistry registry;

    VerifyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void started(Channel channel) {
        registry.counter("callgate.verifications.started", "channel", channel.wireName()).increment();
    }

    void approved(Channel channel) {
        registry.counter("callgate.verifications.approved", "channel", channel.wireName()).increment();
    }

    void expired(Channel channel, int count) {
        if (count > 0) {
            registry.counter("callgate.verifications.expired", "channel", channel.wireName()).increment(count);
        }
    }

    /** @param outcome approved, wrong_code, max_attempts, not_found, limited */
    void checked(String outcome) {
        registry.counter("callgate.verification.checks", "outcome", outcome).increment();
    }
}
