package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.StatementCounter;
import io.callgate.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * What a start and its check ask of the database, which bounds the pairs per second
 * (BENCHMARKS.md, "What bounds the figures"): every statement is a round trip, and on PostgreSQL
 * every committed write a WAL flush. A change that needs more should say why here.
 */
@CallgateTest
@Import(StatementCounter.Config.class)
// Nothing else may run meanwhile; the service is read once per cache period, not per request.
@TestPropertySource(properties = {"callgate.delivery.poll-interval=PT1H", "callgate.verify.service-cache-ttl=PT1H"})
class StatementBudgetTest {

    @LocalServerPort
    int port;

    @Autowired
    StatementCounter counter;

    @Test
    void aStartAndItsCheckStayWithinTheirStatements() {
        TestServer server = new TestServer(port);
        String verifications = "/v2/Services/" + server.createService("Budget");
        pair(server, verifications, "+15550107001");
        counter.count();

        assertThat(server.form(verifications + "/Verifications", Map.of("To", "+15550107002", "Channel", "sms"))
                .statusCode()).isEqualTo(201);
        // The destination's lock (a new one: a select and an insert), the pending lookup, the send count, four
        // inserts (verification, send event, attempt, and the outbox row already leased to this node for its
        // first try) in one transaction; then the delivery's outcome in a second.
        assertThat(counter.count()).isEqualTo(new StatementCounter.Counts(11, 2));

        assertThat(server.form(verifications + "/VerificationCheck",
                Map.of("To", "+15550107002", "Code", server.lastCode("+15550107002"))).body()).contains("\"approved\"");
        // The lock, the verification under it, the failed-check count, one update that counts and approves,
        // and the attempt's conversion: one transaction.
        assertThat(counter.count()).isEqualTo(new StatementCounter.Counts(5, 1));
    }

    private static void pair(TestServer server, String verifications, String to) {
        server.form(verifications + "/Verifications", Map.of("To", to, "Channel", "sms"));
        server.form(verifications + "/VerificationCheck", Map.of("To", to, "Code", server.lastCode(to)));
    }
}
