package io.callgate.voice.lines;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.CallgateApplication;
import io.callgate.support.Parallel;
import io.callgate.support.Postgres;
import io.callgate.support.TestCarrier;
import io.callgate.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two callgate nodes sharing one PostgreSQL, as behind a load balancer: a carrier's repeated delivery that lands
 * on the other node gets the first answer and sends no second code, and a line's failure cap holds for callers
 * spread over both nodes.
 */
class LinesOnTwoNodesTest {

    private static Postgres database;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static final List<TestServer> servers = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        database = Postgres.createDatabase();
        for (int i = 0; i < 2; i++) {
            var node = new SpringApplicationBuilder(CallgateApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=",
                    "--spring.datasource.hikari.maximum-pool-size=10",
                    "--callgate.account-sid=" + TestServer.ACCOUNT_SID,
                    "--callgate.auth-token=" + TestServer.AUTH_TOKEN,
                    "--callgate.secret-key=" + TestServer.SECRET_KEY,
                    "--callgate.dev.inbox.enabled=true",
                    "--callgate.limits.pumping.enabled=false",
                    // Behind one public name, whichever node answers.
                    "--callgate.public-base-url=https://voice.example.org",
                    "--callgate.voice.carriers.test.auth-token=" + TestCarrier.TOKEN);
            nodes.add(node);
            servers.add(new TestServer(Integer.parseInt(node.getEnvironment().getProperty("local.server.port"))));
        }
    }

    @AfterAll
    static void stopCluster() {
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
        servers.clear();
        if (database != null) {
            database.close();
        }
    }

    /** A signed POST as the carrier sends it to the public URL, delivered to one node. */
    private static TestCarrier.Answer deliver(int node, String path, Map<String, String> params, Map<String, String> headers) {
        TestCarrier carrier = new TestCarrier("https://voice.example.org");
        String signature = carrier.sign("https://voice.example.org" + path, params);
        return carrier.send(servers.get(node).base() + path, params, signature, headers);
    }

    private static int inboxSize(String to) {
        return servers.stream().mapToInt(s -> s.inbox(to).size()).sum();
    }

    private static String code(String to) {
        return servers.stream().flatMap(s -> s.inbox(to).stream()).findFirst().orElseThrow().code();
    }

    @Test
    void aRepeatedDeliveryOnTheOtherNodeSendsNoSecondCode() {
        var imported = servers.getFirst().post("/admin/lines/import", "application/yaml", """
                path: cluster-board
                mode: verified
                members:
                  - {name: Ada, phone: "+14155550301"}
                """);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        var call = TestCarrier.params("CallSid", "CAcluster0001", "From", "+14155550301", "To", "+14155550199");
        var token = Map.of("I-Twilio-Idempotency-Token", "cluster-token-1");

        var first = deliver(0, "/voice/lines/cluster-board", call, token);
        var again = deliver(1, "/voice/lines/cluster-board", call, token);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(inboxSize("+14155550301")).isEqualTo(1);

        // The code typed on the other node joins: the verification lives in the shared database.
        String action = first.xpath("/Response/Gather/@action");
        assertThat(action).startsWith("https://voice.example.org/voice/lines/cluster-board/code");
        var digits = new java.util.LinkedHashMap<>(call);
        digits.put("Digits", code("+14155550301"));
        var joined = deliver(1, action.substring("https://voice.example.org".length()), digits, Map.of());
        assertThat(joined.verbs()).as(joined.body()).endsWith("Dial");
    }

    @Test
    void theLineCapHoldsForCallersSpreadOverBothNodes() {
        int members = 12;
        int cap = 4;
        StringBuilder yaml = new StringBuilder("path: cluster-cap\nmode: verified\nmaxFailuresPerHour: " + cap + "\nmembers:\n");
        for (int i = 0; i < members; i++) {
            yaml.append("  - {name: M").append(i).append(", phone: \"+1415555%04d\"}\n".formatted(3100 + i));
        }
        assertThat(servers.get(1).post("/admin/lines/import", "application/yaml", yaml.toString()).statusCode()).isEqualTo(200);
        List<Callable<TestCarrier.Answer>> guesses = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String phone = "+1415555%04d".formatted(3100 + i);
            var call = TestCarrier.params("CallSid", "CAcap" + i, "From", phone, "To", "+14155550199");
            var answer = deliver(i % 2, "/voice/lines/cluster-cap", call, Map.of());
            assertThat(answer.xpath("/Response/Gather/@action")).isNotEmpty();
            var wrong = new java.util.LinkedHashMap<>(call);
            wrong.put("Digits", code(phone).equals("999999") ? "888888" : "999999");
            int node = (i + 1) % 2;
            guesses.add(() -> deliver(node, "/voice/lines/cluster-cap/code?attempt=0", wrong, Map.of()));
        }
        var answers = Parallel.run(guesses);
        assertThat(answers.stream().filter(a -> a.said().contains(LinePrompts.DEFAULTS.wrongCode()))).hasSize(cap);
        assertThat(answers.stream().filter(a -> a.said().contains(LinePrompts.DEFAULTS.unavailable()))).hasSize(members - cap);
    }
}
