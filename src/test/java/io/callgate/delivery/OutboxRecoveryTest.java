package io.callgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.dev.DevInbox;
import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a crash leaves in the outbox is finished by whichever node comes next, once: a message
 * committed but never tried, a message a node was handing to a provider when it died, and many
 * nodes reaching for the same messages at once. The poller of this context stays idle, so each
 * test plays the nodes itself.
 */
@CallgateTest
@TestPropertySource(properties = "callgate.delivery.poll-interval=1h")
class OutboxRecoveryTest {

    @Autowired
    Deliveries deliveries;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    Leases leases;

    @Autowired
    DeliveryAttempts attempts;

    @Autowired
    DeliveryProperties properties;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DevInbox inbox;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient db;

    /** Commits a message as a start does, without its first try: the node died right after the commit. */
    private long committed(String to, String reference) {
        OutboundMessage message = new OutboundMessage(Channel.SMS, to, null, "Your Acme verification code is: 246810",
                "246810", reference, "en", null);
        return transactions.execute(s -> deliveries.enqueue(message, clock.instant().plus(Duration.ofMinutes(10))));
    }

    /** What another node's poll would claim now. */
    private List<Outbox.Claimed> claim(long id) {
        return dispatcher.claimDue(1000).stream().filter(c -> c.id() == id).toList();
    }

    private void leaseRunsOut() {
        clock.advance(properties.lease().plusSeconds(1));
    }

    @Test
    void theNodeThatWroteAMessageDeliversItOnceAndNoPollTakesItMeanwhile() {
        long id = committed("+15550400000", "VL00000000000000000000000000000400");
        assertThat(claim(id)).isEmpty();

        assertThat(deliveries.deliverNow(id)).isEqualTo(Deliveries.Result.DELIVERED);
        assertThat(deliveries.deliverNow(id)).isEqualTo(Deliveries.Result.QUEUED);
        leaseRunsOut();
        assertThat(claim(id)).isEmpty();
        assertThat(inbox.messages("+15550400000")).hasSize(1);
        assertThat(db.sql("select status, payload_sealed, sending_via from outbox_message where id = ?").param(id)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3))).single())
                .containsExactly("delivered", null, null);
        assertThat(attempts.of("VL00000000000000000000000000000400")).singleElement()
                .satisfies(a -> assertThat(List.of(a.provider(), a.status(), a.tryNumber())).containsExactly("dev-inbox", "sent", 1));
    }

    @Test
    void aMessageCommittedButNeverTriedIsDeliveredOnceItsLeaseRunsOut() {
        long id = committed("+15550401111", "VL00000000000000000000000000000401");
        leaseRunsOut();

        List<Outbox.Claimed> claimed = claim(id);
        assertThat(claimed).singleElement().satisfies(c -> assertThat(c.tries()).isEqualTo(2));
        assertThat(dispatcher.deliver(claimed.getFirst()).result()).isEqualTo(OutboxDispatcher.Result.DELIVERED);
        assertThat(inbox.messages("+15550401111")).hasSize(1);
        assertThat(claim(id)).isEmpty();
        assertThat(db.sql("select payload_sealed from outbox_message where id = ?").param(id)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1))).single()).isEmpty();
        // The dead node had the message leased for its first try: whether that try began is unknown.
        assertThat(attempts.of("VL00000000000000000000000000000401")).extracting(DeliveryAttempts.Attempt::status)
                .containsExactly("interrupted", "sent");
    }

    @Test
    void aMessageANodeWasHandingToAProviderWhenItDiedIsSentAgainAndThatTryIsKept() {
        long id = committed("+15550402222", "VL00000000000000000000000000000402");
        leaseRunsOut();
        // Node A claims it, marks it as being handed to the dev inbox, and dies before the outcome.
        assertThat(claim(id)).hasSize(1);
        assertThat(claim(id)).isEmpty();
        assertThat(db.sql("select sending_via from outbox_message where id = ?").param(id).query(String.class).single())
                .isEqualTo("dev-inbox");

        leaseRunsOut();
        List<Outbox.Claimed> takenOver = claim(id);
        assertThat(takenOver).singleElement().satisfies(c -> assertThat(c.interruptedVia()).isEqualTo("dev-inbox"));
        assertThat(dispatcher.deliver(takenOver.getFirst()).result()).isEqualTo(OutboxDispatcher.Result.DELIVERED);
        assertThat(inbox.messages("+15550402222")).hasSize(1);
        assertThat(attempts.of("VL00000000000000000000000000000402"))
                .extracting(a -> a.tryNumber() + " " + a.provider() + " " + a.status())
                .containsExactly("1 dev-inbox interrupted", "2 dev-inbox interrupted", "3 dev-inbox sent");
    }

    @Test
    void aNodeWhoseLeaseWasTakenOverWritesNothingOfItsOutcome() {
        long id = committed("+15550405555", "VL00000000000000000000000000000405");
        leaseRunsOut();
        Outbox.Claimed first = claim(id).getFirst();
        leaseRunsOut();
        Outbox.Claimed second = claim(id).getFirst();

        // The first claim's late outcome is fenced off by the claim number.
        assertThat(outbox.delivered(id, first.tries(), clock.instant())).isFalse();
        assertThat(outbox.retryAt(id, first.tries(), clock.instant(), "late", clock.instant())).isFalse();
        assertThat(outbox.renew(id, first.tries(), clock.instant().plus(properties.lease()))).isFalse();
        // And a claim that ran out before it began sends nothing.
        assertThat(dispatcher.deliver(first).result()).isEqualTo(OutboxDispatcher.Result.TAKEN);
        assertThat(inbox.messages("+15550405555")).isEmpty();
        assertThat(dispatcher.deliver(second).result()).isEqualTo(OutboxDispatcher.Result.DELIVERED);
        assertThat(inbox.messages("+15550405555")).hasSize(1);
    }

    @Test
    void aLeaseHeldWhileDeliveringIsRenewedSoNoOtherNodeTakesTheMessage() {
        long id = committed("+15550406666", "VL00000000000000000000000000000406");
        leaseRunsOut();
        Outbox.Claimed claimed = claim(id).getFirst();
        leases.hold(claimed);
        try {
            // A slow provider chain: half a lease passes, then more than the whole first lease.
            clock.advance(properties.lease().dividedBy(2));
            leases.renewDue();
            clock.advance(properties.lease().dividedBy(2).plusSeconds(1));
            assertThat(claim(id)).isEmpty();
        } finally {
            leases.release(claimed.id());
        }
        leaseRunsOut();
        assertThat(claim(id)).hasSize(1);
    }

    @Test
    void manyNodesPollingAtOnceClaimEachMessageOnce() throws Exception {
        List<Long> ids = IntStream.range(0, 30).mapToObj(i -> committed(String.format("+1555040%04d", 3000 + i),
                String.format("VL%032d", 403000 + i))).toList();
        leaseRunsOut();
        List<Long> claimed = new java.util.ArrayList<>();
        try (ExecutorService nodes = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Callable<List<Outbox.Claimed>>> polls = IntStream.range(0, 10)
                    .<Callable<List<Outbox.Claimed>>>mapToObj(i -> () -> dispatcher.claimDue(7)).toList();
            nodes.invokeAll(polls).stream().map(OutboxRecoveryTest::get).flatMap(List::stream).map(Outbox.Claimed::id)
                    .filter(ids::contains).forEach(claimed::add);
        }
        // Polls skip the rows others are claiming at that moment; what they skipped is left for the next poll.
        dispatcher.claimDue(1000).stream().map(Outbox.Claimed::id).filter(ids::contains).forEach(claimed::add);
        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aMessageWhoseCodeExpiredIsGivenUpAndErased() {
        long id = committed("+15550404444", "VL00000000000000000000000000000404");
        clock.advance(Duration.ofMinutes(11));
        assertThat(dispatcher.deliver(claim(id).getFirst()).result()).isEqualTo(OutboxDispatcher.Result.FAILED);
        assertThat(inbox.messages("+15550404444")).isEmpty();
        var row = db.sql("select status, payload_sealed from outbox_message where id = ?").param(id)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2))).single();
        assertThat(row).containsExactly("failed", null);
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
