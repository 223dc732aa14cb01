package io.callgate.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The leases this node holds on the messages it is delivering, renewed while each delivery runs:
 * however long a provider chain takes, no other node takes a message over while it is in flight.
 * Only a node that stops, or cannot reach the database for a whole lease, lets its leases run out.
 */
@Component
class Leases implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    private record Held(long id, int tries, Instant until) {
    }

    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final Duration lease;
    private final Clock clock;
    private final ScheduledExecutorService renewer;

    Leases(Outbox outbox, DeliveryProperties properties, Clock clock) {
        this.outbox = outbox;
        this.lease = properties.lease();
        this.clock = clock;
        this.renewer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("outbox-leases").factory());
        // Checked six times a lease, renewed once two thirds are left: a lease never gets shorter than half.
        long period = Math.max(1, lease.toMillis() / 6);
        renewer.scheduleWithFixedDelay(this::renewDue, period, period, TimeUnit.MILLISECONDS);
    }

    void hold(Outbox.Claimed claimed) {
        held.put(claimed.id(), new Held(claimed.id(), claimed.tries(), claimed.leaseUntil()));
    }

    void release(long id) {
        held.remove(id);
    }

    /** Renews the leases with less than two thirds of a lease left. */
    void renewDue() {
        Instant now = clock.instant();
        Instant soon = now.plus(lease.multipliedBy(2).dividedBy(3));
        for (Held h : held.values()) {
            if (!h.until().isBefore(soon)) {
                continue;
            }
            Instant until = now.plus(lease);
            try {
                if (outbox.renew(h.id(), h.tries(), until)) {
                    held.replace(h.id(), h, new Held(h.id(), h.tries(), until));
                } else if (held.remove(h.id(), h)) {
                    log.warn("the lease of outbox message {} was lost while it was being delivered", h.id());
                }
            } catch (RuntimeException e) {
                log.warn("renewing the lease of outbox message {} failed; trying again shortly", h.id(), e);
            }
        }
    }

    @Override
    public void destroy() {
        renewer.shutdownNow();
    }
}
