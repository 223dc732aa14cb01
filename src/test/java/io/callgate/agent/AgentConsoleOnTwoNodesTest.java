package io.callgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.CallgateApplication;
import io.callgate.support.Parallel;
import io.callgate.support.Postgres;
import io.callgate.support.TestServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two callgate nodes on one PostgreSQL: agents racing for one interaction from different nodes (one wins), the
 * console's Verify service created once however many nodes need it at the same moment, and the read-back cap
 * holding when one agent's clicks land on both nodes.
 */
class AgentConsoleOnTwoNodesTest {

    private static Postgres database;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static JdbcClient db;
    private static AgentFixture fixture;

    @BeforeAll
    static void startCluster() {
        database = Postgres.createDatabase();
        for (int i = 0; i < 2; i++) {
            nodes.add(new SpringApplicationBuilder(CallgateApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=",
                    "--spring.datasource.hikari.maximum-pool-size=10",
                    "--callgate.account-sid=" + TestServer.ACCOUNT_SID,
                    "--callgate.auth-token=" + TestServer.AUTH_TOKEN,
                    "--callgate.secret-key=" + TestServer.SECRET_KEY,
                    "--callgate.dev.inbox.enabled=true",
                    "--callgate.agent.api-secret=" + AgentFixture.API_SECRET,
                    "--callgate.agent.max-failed-readbacks=4"));
        }
        db = nodes.getFirst().getBean(JdbcClient.class);
        fixture = new AgentFixture(new TestServer(base(0)), db, Clock.systemUTC());
    }

    @AfterAll
    static void stopCluster() {
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
        if (database != null) {
            database.close();
        }
    }

    private static String base(int node) {
        return "http://127.0.0.1:" + nodes.get(node).getEnvironment().getProperty("local.server.port");
    }

    @Test
    void twoAgentsOnTwoNodesRaceForOneInteractionAndOneWins() {
        String sid = fixture.announced("+14155550201", "WT4001");
        ConsoleClient ada = ConsoleClient.signedIn(base(0), "ada");
        ConsoleClient bob = ConsoleClient.signedIn(base(1), "bob");
        ada.get("/agent/interactions/" + sid);
        bob.get("/agent/interactions/" + sid);
        List<Callable<String>> clicks = IntStream.range(0, 16).<Callable<String>>mapToObj(i -> () -> {
            ConsoleClient who = i % 2 == 0 ? ada : bob;
            return (i % 2 == 0 ? "ada:" : "bob:") + who.post("/agent/interactions/" + sid + "/send", "target=caller").statusCode();
        }).toList();
        List<String> answers = Parallel.run(clicks);

        String owner = db.sql("select agent from interaction where sid = ?").param(sid).query(String.class).single();
        String other = owner.equals("ada") ? "bob" : "ada";
        assertThat(answers).filteredOn(a -> a.startsWith(owner)).containsOnly(owner + ":302");
        assertThat(answers).filteredOn(a -> a.startsWith(other)).containsOnly(other + ":403");
        assertThat(db.sql("select count(*) from agent_audit where interaction_sid = ? and action = 'take'").param(sid)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("select count(*) from agent_console").query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("select count(*) from verify_service where friendly_name = ?").param(ConsoleService.FRIENDLY_NAME)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void oneAgentsReadBacksOnBothNodesStopAtTheCap() {
        String sid = fixture.announced("+14155550202", "WT4002");
        ConsoleClient first = ConsoleClient.signedIn(base(0), "ada");
        ConsoleClient second = ConsoleClient.signedIn(base(1), "ada");
        first.get("/agent/interactions/" + sid);
        second.get("/agent/interactions/" + sid);
        first.post("/agent/interactions/" + sid + "/send", "target=caller");
        List<Callable<Integer>> clicks = IntStream.range(0, 20).<Callable<Integer>>mapToObj(i -> () ->
                (i % 2 == 0 ? first : second).post("/agent/interactions/" + sid + "/check", "code=0000000").statusCode()).toList();
        assertThat(Parallel.run(clicks)).containsOnly(302);

        assertThat(db.sql("select failed_readbacks, status from interaction where sid = ?").param(sid).query().singleRow())
                .containsEntry("failed_readbacks", 4).containsEntry("status", "locked");
        assertThat(db.sql("select count(*) from agent_audit where interaction_sid = ? and action = 'check_code'"
                + " and detail = 'wrong'").param(sid).query(Integer.class).single()).isLessThanOrEqualTo(4);
    }
}
