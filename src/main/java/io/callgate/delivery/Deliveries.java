package io.callgate.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How the rest of callgate sends a message: {@link #enqueue} inside the transaction that decides
 * the send (so a crash cannot lose it), then {@link #deliverNow} after the commit for an
 * immediate first try. Whatever that try leaves undone, the outbox dispatcher finishes.
 *
 * <p>The message is written already leased to this node for that first try, and kept in memory
 * until it: the first try costs no claim and no read of the row.
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
    private final DeliveryProperties properties;
    private final Clock clock;
    /** Messages written by this node whose first try is still to come, by outbox id. */
    private final Map<Long, Outbox.Claimed> firstTries = new ConcurrentHashMap<>();

    Deliveries(Outbox outbox, OutboxDispatcher dispatcher, Providers providers, DeliveryProperties properties, Clock clock) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.providers = providers;
        this.properties = properties;
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
        Instant now = clock.instant();
        Outbox.Claimed claimed = outbox.enqueue(message, now, giveUpAt, now.plus(properties.lease()),
                dispatcher.firstProvider(message.channel()));
        firstTries.put(claimed.id(), claimed);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    firstTries.remove(claimed.id());
                }
            }
        });
        return claimed.id();
    }

    /**
     * Tries a message this node enqueued at once, after its transaction has committed. Any other
     * message is left to the outbox poller (QUEUED).
     */
    public Result deliverNow(long outboxId) {
        Outbox.Claimed claimed = firstTries.remove(outboxId);
        if (claimed == null) {
            return Result.QUEUED;
        }
        return switch (dispatcher.deliver(claimed).result()) {
            case DELIVERED -> Result.DELIVERED;
            case FAILED -> Result.REFUSED;
            case RETRYING, TAKEN -> Result.QUEUED;
        };
    }

    public boolean serves(Channel channel) {
        return !providers.forChannel(channel).isEmpty();
    }
}
