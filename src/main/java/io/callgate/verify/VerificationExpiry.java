package io.callgate.verify;

import io.callgate.delivery.Channel;
import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Ends pending verifications whose validity has run out and erases their codes. Safe on every node. */
@Component
class VerificationExpiry {

    private final VerificationStore store;
    private final VerifyMetrics metrics;
    private final Clock clock;

    VerificationExpiry(VerificationStore store, VerifyMetrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${callgate.verify.expiry-sweep-interval:PT30S}")
    void expireDue() {
        for (Channel channel : Channel.values()) {
            metrics.expired(channel, store.expireDue(channel, clock.instant()));
        }
    }
}
