package io.callgate.delivery;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How the rest of callgate sends a message: {@link #enqueue} inside the transaction that decides
 * the send (so a crash cannot lose it), then {@link #deliverNow} after the commit for an
 * immediate first try. Whatever that try leaves undone, the outbox dispatcher finishes.
 */
@Component
public class Deliveries {

    /** What the immediate try came to. */
    public enum Result {
        /** A provider took it. */
        DELIVERED,
        /** Every provider failed for now; it will be retried. */
        QUEUED,
        /** Refused for good (an invalid number, a block). */
        REFUSED
    }

    private final Outbox outbox;
    private final OutboxDispatcher dispatcher;
    private final Providers providers;
    private final Clock clock;

    Deliveries(Outbox outbox, OutboxDispatcher dispatcher, Providers providers, Clock clock) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.providers = providers;
        this.clock = clock;
    }

    /**
     * Writes the message to the outbox as part of the current transaction.
     *
     * @param giveUpAt when the message is no longer worth delivering (its code's expiry)
     */
    public long enqueue(OutboundMessage message, Instant giveUpAt) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("enqueue belongs in the transaction that decides the send");
        }
        return outbox.enqueue(message, clock.instant(), giveUpAt);
    }

    /** Tries the message at once, after its transaction has committed. */
    public Result deliverNow(long outboxId) {
        return switch (dispatcher.deliver(outboxId).result()) {
            case DELIVERED -> Result.DELIVERED;
            case FAILED -> Result.REFUSED;
            case RETRYING, TAKEN -> Result.QUEUED;
        };
    }

    public boolean serves(Channel channel) {
        return !providers.forChannel(channel).isEmpty();
    }
}
