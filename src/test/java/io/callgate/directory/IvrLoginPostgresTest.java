package io.callgate.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.CallgateApplication;
import io.callgate.directory.IvrLogin.Outcome;
import io.callgate.directory.IvrLogin.Refusal;
import io.callgate.support.Parallel;
import io.callgate.support.Postgres;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two callgate nodes on one PostgreSQL database, wrong PINs for one account raced over both: the
 * account's row lock in the shared database keeps the count at ten and locks it on both nodes.
 */
class IvrLoginPostgresTest {

    private static Postgres database;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

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
                    "--callgate.secret-key=" + TestServer.SECRET_KEY));
        }
    }

    @AfterAll
    static void stopCluster() {
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void fortyWrongPinsOverTwoNodesCountTenAndLockTheAccountEverywhere() {
        nodes.getFirst().getBean(Accounts.class).create(new Account("88001", "Ada Lovelace", null, null, Map.of()), "480213");
        List<Callable<Outcome>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            IvrLogin login = nodes.get(i % 2).getBean(IvrLogin.class);
            String pin = Integer.toString(600000 + i);
            String caller = "+1500555" + (4000 + i);
            guesses.add(() -> login.authenticate("88001", pin, caller));
        }

        List<Outcome> outcomes = Parallel.run(guesses);

        assertThat(outcomes).noneMatch(Outcome::accepted);
        assertThat(outcomes.stream().filter(o -> o.refusal() == Refusal.INVALID).count()).isEqualTo(10);
        assertThat(nodes.getFirst().getBean(JdbcClient.class)
                .sql("select count(*) from limit_event where subject = 'ivr-account:88001' and kind = 'ivr_pin_failure'")
                .query(Integer.class).single()).isEqualTo(10);
        for (ConfigurableApplicationContext node : nodes) {
            assertThat(node.getBean(IvrLogin.class).authenticate("88001", "480213", "+15005550006").refusal())
                    .isEqualTo(Refusal.LOCKED);
        }
    }
}
