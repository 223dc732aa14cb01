package io.callgate.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers outbox messages: through the channel's providers in order, failing over on retryable
 * faults only, retrying later with exponential backoff and jitter, giving up when the code has
 * expired or the tries are used. Every node runs one; a message is delivered by whichever node
 * claims it.
 */
@Component
class OutboxDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    /** What one delivery attempt came to. */
    enum Result { DELIVERED, RETRYING, FAILED, TAKEN }

    /** The outcome and, when refused for good, why. */
    record Outcome(Result result, DeliveryException refusal) {
    }

    private final Outbox outbox;
    private final Providers providers;
    private final DeliveryListener listener;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight;
    private volatile boolean stopping;

    OutboxDispatcher(Outbox outbox, Providers providers, DeliveryListener listener, DeliveryProperties properties, Clock clock) {
        this.outbox = outbox;
        this.providers = providers;
        this.listener = listener;
        this.properties = properties;
        this.clock = clock;
        this.inFlight = new Semaphore(properties.maxInFlight());
    }

    /** Claims and delivers one message now; TAKEN when another worker or node holds it. */
    Outcome deliver(long id) {
        Instant now = clock.instant();
        Outbox.Claimed claimed = outbox.claim(id, now, now.plus(properties.lease())).orElse(null);
        if (claimed == null) {
            return new Outcome(Result.TAKEN, null);
        }
        OutboundMessage message = claimed.message();
        if (now.isAfter(claimed.giveUpAt())) {
            outbox.failed(id, "the code expired before it could be delivered", now);
            listener.failed(message.reference(), null, null, "expired before delivery");
            return new Outcome(Result.FAILED, null);
        }
        String lastProvider = null;
        String lastError = "no provider serves the " + message.channel().wireName() + " channel";
        for (DeliveryProvider provider : providers.forChannel(message.channel())) {
            lastProvider = provider.id();
            try {
                String reference = provider.send(message);
                outbox.delivered(id, clock.instant());
                log.debug("{} handed to {}", message, provider.id());
                listener.accepted(message.reference(), provider.id(), reference);
                return new Outcome(Result.DELIVERED, null);
            } catch (DeliveryException e) {
                lastError = e.getMessage();
                if (!e.isRetryable()) {
                    log.warn("provider {} refused {}: {}", provider.id(), message, e.getMessage());
                    outbox.failed(id, e.getMessage(), clock.instant());
                    listener.failed(message.reference(), provider.id(), e.errorCode(), e.getMessage());
                    return new Outcome(Result.FAILED, e);
                }
                log.warn("provider {} could not take {} (trying the next): {}", provider.id(), message, e.getMessage());
            } catch (RuntimeException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("provider {} failed on {}", provider.id(), message, e);
            }
        }
        Instant after = clock.instant();
        if (claimed.tries() >= properties.maxTries()) {
            outbox.failed(id, lastError, after);
            listener.failed(message.reference(), lastProvider, null, "gave up after " + claimed.tries() + " tries: " + lastError);
            return new Outcome(Result.FAILED, null);
        }
        Instant next = after.plus(backoff(claimed.tries()));
        outbox.retryAt(id, next, lastError, after);
        listener.retrying(message.reference(), lastProvider, lastError);
        return new Outcome(Result.RETRYING, null);
    }

    /** {@code firstRetry × 2^(tries-1)}, ±20 %, at most ten minutes. */
    private Duration backoff(int tries) {
        long base = properties.firstRetry().toMillis() << Math.min(tries - 1, 16);
        long jittered = (long) (base * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        return Duration.ofMillis(Math.min(jittered, Duration.ofMinutes(10).toMillis()));
    }

    /** Picks up due messages: retries, and those whose first delivery was cut short by a crash. */
    @Scheduled(fixedDelayString = "${callgate.delivery.poll-interval:500ms}")
    void poll() {
        if (stopping) {
            return;
        }
        List<Long> due = outbox.due(clock.instant(), properties.maxInFlight());
        for (Long id : due) {
            if (stopping || !inFlight.tryAcquire()) {
                return;
            }
            workers.submit(() -> {
                try {
                    deliver(id);
                } catch (RuntimeException e) {
                    log.error("delivery of outbox message {} failed", id, e);
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    @Override
    public void destroy() {
        stopping = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
