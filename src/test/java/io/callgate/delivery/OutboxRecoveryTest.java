package io.callgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.dev.DevInbox;
import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a crash leaves in the outbox is finished by whichever node comes next, once: a message
 * committed but never tried, a message claimed by a node that died before handing it over, and
 * many nodes reaching for the same message at once.
 */
@CallgateTest
class OutboxRecoveryTest {

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    DeliveryProperties properties;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DevInbox inbox;

    @Autowired
    MutableClock clock;

    @Autowired
    DataSource dataSource;

    private long enqueue(String to, String reference) {
        OutboundMessage message = new OutboundMessage(Channel.SMS, to, null, "Your Acme verification code is: 246810",
                "246810", reference, "en", null);
        return transactions.execute(s -> outbox.enqueue(message, clock.instant(), clock.instant().plus(Duration.ofMinutes(10))));
    }

    @Test
    void aMessageCommittedButNeverTriedIsDeliveredByTheNextPoll() {
        // The node that committed it died before its first try: nothing else happened to the row.
        long id = enqueue("+15550401111", "VL00000000000000000000000000000401");
        assertThat(outbox.due(clock.instant(), 1000)).contains(id);
        assertThat(dispatcher.deliver(id).result()).isEqualTo(OutboxDispatcher.Result.DELIVERED);
        assertThat(inbox.messages("+15550401111")).hasSize(1);
        assertThat(outbox.due(clock.instant(), 1000)).doesNotContain(id);
        assertThat(dispatcher.deliver(id).result()).isEqualTo(OutboxDispatcher.Result.TAKEN);
        assertThat(inbox.messages("+15550401111")).hasSize(1);
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "select payload_sealed from outbox_message where id = ?", String.class, id)).isNull();
    }

    @Test
    void aMessageClaimedByANodeThatDiedIsTakenOverWhenTheLeaseRunsOut() {
        long id = enqueue("+15550402222", "VL00000000000000000000000000000402");
        Instant now = clock.instant();
        // Node A claims it and dies before handing it to a provider.
        assertThat(outbox.claim(id, now, now.plus(properties.lease()))).isPresent();

        assertThat(outbox.due(clock.instant(), 1000)).doesNotContain(id);
        assertThat(dispatcher.deliver(id).result()).isEqualTo(OutboxDispatcher.Result.TAKEN);
        assertThat(inbox.messages("+15550402222")).isEmpty();

        clock.advance(properties.lease().plusSeconds(1));
        assertThat(outbox.due(clock.instant(), 1000)).contains(id);
        assertThat(dispatcher.deliver(id).result()).isEqualTo(OutboxDispatcher.Result.DELIVERED);
        assertThat(inbox.messages("+15550402222")).hasSize(1);
    }

    @Test
    void manyWorkersReachingForOneMessageDeliverItOnce() throws Exception {
        long id = enqueue("+15550403333", "VL00000000000000000000000000000403");
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Callable<OutboxDispatcher.Result>> tasks = java.util.stream.IntStream.range(0, 20)
                    .<Callable<OutboxDispatcher.Result>>mapToObj(i -> () -> dispatcher.deliver(id).result()).toList();
            List<OutboxDispatcher.Result> results = workers.invokeAll(tasks).stream().map(OutboxRecoveryTest::get).toList();
            assertThat(results).containsOnlyOnce(OutboxDispatcher.Result.DELIVERED);
        }
        assertThat(inbox.messages("+15550403333")).hasSize(1);
    }

    @Test
    void aMessageWhoseCodeExpiredIsGivenUpAndErased() {
        long id = enqueue("+15550404444", "VL00000000000000000000000000000404");
        clock.advance(Duration.ofMinutes(11));
        assertThat(dispatcher.deliver(id).result()).isEqualTo(OutboxDispatcher.Result.FAILED);
        assertThat(inbox.messages("+15550404444")).isEmpty();
        var row = new JdbcTemplate(dataSource).queryForMap("select status, payload_sealed from outbox_message where id = ?", id);
        assertThat(row).containsEntry("status", "failed").containsEntry("payload_sealed", null);
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
