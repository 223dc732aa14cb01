package io.callgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callgate.delivery.CarrierStub.Behaviour;
import io.callgate.support.Postgres;
import io.callgate.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed (SIGKILL) in the middle of deliveries, then started again on the same database,
 * with a carrier stub that holds requests so the kill lands at a chosen moment:
 *
 * <ul>
 *   <li>the carrier had the request but had not taken the message: delivered once, after the restart;
 *   <li>the carrier took the message and the node recorded it: never sent again;
 *   <li>the carrier took the message but the node died before it learned so: sent a second time.
 *       This is the one window that cannot be exactly-once, since the carrier offers no idempotency
 *       key: what the node knows is only that the message may have gone out (the try is recorded as
 *       interrupted). A second copy carries the same code, and there is never a third.
 * </ul>
 */
class NodeKilledMidDeliveryTest {

    static final String NOT_TAKEN = "+15550501001";
    static final String RECORDED = "+15550501002";
    static final String TAKEN_NOT_RECORDED = "+15550501003";
    static final Duration LEASE = Duration.ofSeconds(6);

    @TempDir
    Path dir;

    @Test
    void onPostgreSql() throws Exception {
        try (Postgres database = Postgres.createDatabase()) {
            run(database.url(), database.username(), () -> DriverManager.getConnection(database.url(), database.username(), ""));
        }
    }

    @Test
    void onTheEmbeddedH2File() throws Exception {
        // The settings of the default URL (application.yaml); without WRITE_DELAY=0 a killed node loses its last commits.
        String url = "jdbc:h2:file:" + dir.resolve("callgate")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
        run(url, "sa", () -> DriverManager.getConnection(url, "sa", ""));
    }

    private interface Database {
        Connection connect() throws SQLException;
    }

    private void run(String url, String user, Database database) throws Exception {
        try (CarrierStub carrier = new CarrierStub()) {
            List<String> settings = settings(url, user, carrier);
            carrier.behave(NOT_TAKEN, Behaviour.HOLD_WITHOUT_TAKING);
            carrier.behave(TAKEN_NOT_RECORDED, Behaviour.TAKE_AND_HOLD_ANSWER);

            NodeProcess first = NodeProcess.start(dir.resolve("first.log"), settings);
            String service;
            try {
                TestServer api = new TestServer(first.base());
                service = api.createService("Acme");
                // Two starts whose first try hangs at the carrier; their requests never get an answer.
                CompletableFuture.runAsync(() -> start(api, service, NOT_TAKEN));
                CompletableFuture.runAsync(() -> start(api, service, TAKEN_NOT_RECORDED));
                await().atMost(Duration.ofSeconds(60)).until(() -> carrier.received(NOT_TAKEN) == 1
                        && carrier.received(TAKEN_NOT_RECORDED) == 1);
                HttpResponse<String> recorded = start(api, service, RECORDED);
                assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
                assertThat(carrier.taken(RECORDED)).isEqualTo(1);
            } finally {
                // At once after the answer of the third start: nothing of the node runs any more.
                first.kill();
            }
            assertThat(carrier.taken(NOT_TAKEN)).isZero();
            assertThat(carrier.taken(TAKEN_NOT_RECORDED)).isEqualTo(1);

            carrier.behave(NOT_TAKEN, Behaviour.ANSWER);
            carrier.behave(TAKEN_NOT_RECORDED, Behaviour.ANSWER);
            try (NodeProcess second = NodeProcess.start(dir.resolve("second.log"), settings)) {
                try {
                    await().atMost(Duration.ofSeconds(60)).failFast(() -> carrier.taken(RECORDED) > 1)
                            .until(() -> carrier.taken(NOT_TAKEN) == 1 && carrier.taken(TAKEN_NOT_RECORDED) == 2);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("the second node did not deliver what the first left; taken: " + NOT_TAKEN + " "
                            + carrier.taken(NOT_TAKEN) + ", " + TAKEN_NOT_RECORDED + " " + carrier.taken(TAKEN_NOT_RECORDED)
                            + "; the second node's log ends:\n" + second.tail(), e);
                }
                // Long enough for a poll to take anything else the first node left.
                Thread.sleep(LEASE.toMillis());
                assertThat(carrier.taken(NOT_TAKEN)).as("taken, not taken before the kill").isEqualTo(1);
                assertThat(carrier.taken(RECORDED)).as("taken, recorded before the kill").isEqualTo(1);
                assertThat(carrier.taken(TAKEN_NOT_RECORDED)).as("taken, not recorded before the kill").isEqualTo(2);
            }
        }

        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertThat(rows(statement, "select o.to_address, a.try_number, a.provider, a.status from delivery_attempt a"
                    + " join outbox_message o on o.id = a.outbox_id order by o.to_address, a.id"))
                    .containsExactly(
                            NOT_TAKEN + " 1 carrier interrupted", NOT_TAKEN + " 2 carrier sent",
                            RECORDED + " 1 carrier sent",
                            TAKEN_NOT_RECORDED + " 1 carrier interrupted", TAKEN_NOT_RECORDED + " 2 carrier sent");
            assertThat(rows(statement, "select to_address, status, payload_sealed, sending_via from outbox_message order by to_address"))
                    .containsExactly(NOT_TAKEN + " delivered null null", RECORDED + " delivered null null",
                            TAKEN_NOT_RECORDED + " delivered null null");
            assertThat(rows(statement, "select to_address, status, provider from send_attempt order by to_address"))
                    .containsExactly(NOT_TAKEN + " sent carrier", RECORDED + " sent carrier", TAKEN_NOT_RECORDED + " sent carrier");
        }
    }

    private static HttpResponse<String> start(TestServer api, String service, String to) {
        return api.form("/v2/Services/" + service + "/Verifications", Map.of("To", to, "Channel", "sms"));
    }

    private List<String> settings(String url, String user, CarrierStub carrier) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("spring.datasource.url", url);
        s.put("spring.datasource.username", user);
        s.put("spring.datasource.password", "");
        s.put("callgate.account-sid", TestServer.ACCOUNT_SID);
        s.put("callgate.auth-token", TestServer.AUTH_TOKEN);
        s.put("callgate.secret-key", TestServer.SECRET_KEY);
        s.put("callgate.secrets-file", dir.resolve("secrets.properties").toString());
        s.put("callgate.limits.pumping.enabled", "false");
        s.put("callgate.delivery.providers.carrier.type", "twilio");
        s.put("callgate.delivery.providers.carrier.base-url", carrier.baseUrl());
        s.put("callgate.delivery.providers.carrier.account-sid", "AC0123456789abcdef0123456789abcdef");
        s.put("callgate.delivery.providers.carrier.auth-token", "carrier-token");
        s.put("callgate.delivery.providers.carrier.from", "+15017122661");
        // Longer than the test: the held tries stay in flight until the kill.
        s.put("callgate.delivery.providers.carrier.timeout", "120s");
        s.put("callgate.delivery.providers.carrier.channels", "sms");
        s.put("callgate.delivery.channels.sms", "carrier");
        s.put("callgate.delivery.lease", LEASE.toSeconds() + "s");
        s.put("callgate.delivery.poll-interval", "200ms");
        List<String> args = new ArrayList<>();
        s.forEach((k, v) -> args.add("--" + k + "=" + v));
        return args;
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
