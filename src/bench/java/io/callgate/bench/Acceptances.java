package io.callgate.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a bench sink (the SMSC, the HTTP stub) took: how many messages and when the first and the
 * last arrived. With {@code refuseFirstTry} it turns each destination away once with a retryable
 * answer, so every message has to come back through the outbox's retry poller.
 */
final class Acceptances {

    private final boolean refuseFirstTry;
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong first = new AtomicLong();
    private final AtomicLong last = new AtomicLong();

    Acceptances(boolean refuseFirstTry) {
        this.refuseFirstTry = refuseFirstTry;
    }

    /** Decides on one message to {@code destination}; true to accept it. */
    boolean offer(String destination) {
        if (refuseFirstTry && refusedOnce.add(destination)) {
            refused.incrementAndGet();
            return false;
        }
        long now = System.nanoTime();
        first.compareAndSet(0, now);
        last.accumulateAndGet(now, Math::max);
        accepted.incrementAndGet();
        return true;
    }

    long accepted() {
        return accepted.get();
    }

    long refused() {
        return refused.get();
    }

    /** System.nanoTime of the first and the last accepted message; 0 before any. */
    long firstNanos() {
        return first.get();
    }

    long lastNanos() {
        return last.get();
    }
}
