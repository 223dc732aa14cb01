package io.callgate.delivery;

import io.callgate.delivery.DeliveryAttempts.Attempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers outbox messages: through the channel's providers in order, failing over on retryable
 * faults only, retrying later with exponential backoff and jitter, giving up when the code has
 * expired or the tries are used. Every node runs one; a message is delivered by whichever node
 * holds its lease.
 *
 * <p>Before a provider gets the message, the row names that provider ({@code sending_via}); the
 * outcome, its line in the history of tries and the verification's attempt are then written in one
 * transaction. A node that takes over a message still naming a provider records that try as
 * interrupted and sends again: the message may reach the person twice, with the same code, but it
 * is never lost.
 */
@Component
class OutboxDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    /** What one delivery attempt came to. */
    enum Result { DELIVERED, RETRYING, FAILED, TAKEN }

    /** The outcome and, when refused for good, why. */
    record Outcome(Result result, DeliveryException refusal) {
    }

    /** A provider try that failed retryably, kept until it is written with what follows it. */
    private record Failure(String provider, String error, Instant startedAt, Instant finishedAt) {
    }

    private final Outbox outbox;
    private final DeliveryAttempts attempts;
    private final Leases leases;
    private final Providers providers;
    private final DeliveryListener listener;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight;
    private volatile boolean stopping;

    OutboxDispatcher(Outbox outbox, DeliveryAttempts attempts, Leases leases, Providers providers, DeliveryListener listener,
                     DeliveryProperties properties, Clock clock, PlatformTransactionManager transactionManager) {
        this.outbox = outbox;
        this.attempts = attempts;
        this.leases = leases;
        this.providers = providers;
        this.listener = listener;
        this.properties = properties;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.inFlight = new Semaphore(properties.maxInFlight());
    }

    /** The provider a new claim hands the message to first; null when none serves the channel. */
    String firstProvider(Channel channel) {
        List<DeliveryProvider> chain = providers.forChannel(channel);
        return chain.isEmpty() ? null : chain.getFirst().id();
    }

    /**
     * Claims up to {@code limit} due messages for this node. A message still naming the provider a
     * previous claim was handing it to was taken from a node that stopped: that try is recorded as
     * interrupted, in the claim's transaction, since the message may have gone out.
     */
    List<Outbox.Claimed> claimDue(int limit) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            List<Outbox.Claimed> batch = outbox.claimDue(now, now.plus(properties.lease()), limit, this::firstProvider);
            for (Outbox.Claimed c : batch.stream().filter(c -> c.interruptedVia() != null).toList()) {
                log.warn("{} is taken over from a node that stopped while handing it to {}: it may go out twice", c.message(),
                        c.interruptedVia());
                attempts.record(new Attempt(c.id(), c.message().reference(), c.tries() - 1, c.interruptedVia(), "interrupted",
                        null, "the node delivering it stopped before it learned the outcome; it may have gone out", null,
                        c.interruptedSince() == null ? now : c.interruptedSince(), now));
            }
            return batch;
        });
    }

    /** Delivers a message this node claimed; TAKEN when its lease ran out before it began, or was lost. */
    Outcome deliver(Outbox.Claimed claimed) {
        if (!clock.instant().isBefore(claimed.leaseUntil())) {
            return new Outcome(Result.TAKEN, null);
        }
        leases.hold(claimed);
        try {
            return attempt(claimed);
        } finally {
            leases.release(claimed.id());
        }
    }

    private Outcome attempt(Outbox.Claimed claimed) {
        long id = claimed.id();
        int tries = claimed.tries();
        OutboundMessage message = claimed.message();
        Instant now = clock.instant();
        if (now.isAfter(claimed.giveUpAt())) {
            return finish(() -> outbox.failed(id, tries, "the code expired before it could be delivered", now), message,
                    () -> listener.failed(message.reference(), null, null, "expired before delivery"), Result.FAILED, null);
        }
        List<DeliveryProvider> chain = providers.forChannel(message.channel());
        Failure last = null;
        for (DeliveryProvider provider : chain) {
            Instant started = clock.instant();
            if (last != null) {
                Failure movedOn = last;
                if (!inTransaction(() -> {
                    attempts.record(failed(claimed, movedOn, "retryable", null));
                    return outbox.sendingVia(id, tries, provider.id(), started);
                })) {
                    return lost(message);
                }
            }
            try {
                String reference = provider.send(message);
                Instant done = clock.instant();
                log.debug("{} handed to {}", message, provider.id());
                return finish(() -> {
                    attempts.record(new Attempt(id, message.reference(), tries, provider.id(), "sent", null, null, reference,
                            started, done));
                    return outbox.delivered(id, tries, done);
                }, message, () -> listener.accepted(message.reference(), provider.id(), reference), Result.DELIVERED, null);
            } catch (DeliveryException e) {
                if (!e.isRetryable()) {
                    log.warn("provider {} refused {}: {}", provider.id(), message, e.getMessage());
                    Failure refusal = new Failure(provider.id(), e.getMessage(), started, clock.instant());
                    return finish(() -> {
                        attempts.record(failed(claimed, refusal, "refused", e.errorCode()));
                        return outbox.failed(id, tries, e.getMessage(), refusal.finishedAt());
                    }, message, () -> listener.failed(message.reference(), provider.id(), e.errorCode(), e.getMessage()),
                            Result.FAILED, e);
                }
                log.warn("provider {} could not take {} (trying the next): {}", provider.id(), message, e.getMessage());
                last = new Failure(provider.id(), e.getMessage(), started, clock.instant());
            } catch (RuntimeException e) {
                // A provider's own fault, not the message's: another provider or a later try may deliver it.
                log.warn("provider {} failed on {}", provider.id(), message, e);
                last = new Failure(provider.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), started, clock.instant());
            }
        }
        return retryOrGiveUp(claimed, last);
    }

    /** Every provider failed for now (or none serves the channel): a later try, unless the tries are used. */
    private Outcome retryOrGiveUp(Outbox.Claimed claimed, Failure last) {
        long id = claimed.id();
        int tries = claimed.tries();
        String reference = claimed.message().reference();
        String provider = last == null ? null : last.provider();
        String error = last == null ? "no provider serves the " + claimed.message().channel().wireName() + " channel" : last.error();
        Instant after = clock.instant();
        boolean giveUp = tries >= properties.maxTries();
        Instant next = after.plus(backoff(tries));
        return finish(() -> {
            if (last != null) {
                attempts.record(failed(claimed, last, "retryable", null));
            }
            return giveUp ? outbox.failed(id, tries, error, after) : outbox.retryAt(id, tries, next, error, after);
        }, claimed.message(), giveUp
                ? () -> listener.failed(reference, provider, null, "gave up after " + tries + " tries: " + error)
                : () -> listener.retrying(reference, provider, error), giveUp ? Result.FAILED : Result.RETRYING, null);
    }

    /**
     * Writes an outcome and tells the listener, in one transaction: the listener is told only while
     * the claim still held the message (another node that took it over tells it instead).
     */
    private Outcome finish(Supplier<Boolean> outcome, OutboundMessage message, Runnable tell, Result result,
                           DeliveryException refusal) {
        boolean held = inTransaction(() -> {
            boolean stillHeld = outcome.get();
            if (stillHeld) {
                tell.run();
            }
            return stillHeld;
        });
        return held ? new Outcome(result, refusal) : lost(message);
    }

    private Outcome lost(OutboundMessage message) {
        log.warn("{} was taken over by another node while this one delivered it", message);
        return new Outcome(Result.TAKEN, null);
    }

    private static Attempt failed(Outbox.Claimed claimed, Failure f, String status, String errorCode) {
        return new Attempt(claimed.id(), claimed.message().reference(), claimed.tries(), f.provider(), status, errorCode,
                f.error(), null, f.startedAt(), f.finishedAt());
    }

    private boolean inTransaction(Supplier<Boolean> work) {
        return Boolean.TRUE.equals(transactions.execute(status -> work.get()));
    }

    /** {@code firstRetry × 2^(tries-1)}, ±20 %, at most ten minutes. */
    private Duration backoff(int tries) {
        long base = properties.firstRetry().toMillis() << Math.min(tries - 1, 16);
        long jittered = (long) (base * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        return Duration.ofMillis(Math.min(jittered, Duration.ofMinutes(10).toMillis()));
    }

    /**
     * Picks up due messages: retries, and those whose node stopped before it delivered them. While
     * there is a backlog it claims the next batch as soon as workers are free, not a poll later, so
     * the retry path is bound by the providers and the database rather than by the poll interval.
     */
    @Scheduled(fixedDelayString = "${callgate.delivery.poll-interval:500ms}")
    void poll() {
        try {
            while (!stopping && inFlight.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                int free = 1 + inFlight.drainPermits();
                List<Outbox.Claimed> batch;
                try {
                    batch = claimDue(free);
                } catch (RuntimeException e) {
                    inFlight.release(free);
                    throw e;
                }
                inFlight.release(free - batch.size());
                batch.forEach(this::submit);
                if (batch.size() < free) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(Outbox.Claimed claimed) {
        workers.submit(() -> {
            try {
                deliver(claimed);
            } catch (RuntimeException e) {
                log.error("delivery of outbox message {} failed", claimed.id(), e);
            } finally {
                inFlight.release();
            }
        });
    }

    @Override
    public void destroy() {
        stopping = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
