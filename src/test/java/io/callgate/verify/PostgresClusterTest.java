package io.callgate.verify;

import io.callgate.CallgateApplication;
import io.callgate.support.Postgres;
import io.callgate.support.RawVerify;
import io.callgate.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two callgate nodes sharing one PostgreSQL database, racing requests spread over both: the
 * attempt caps and the single approval hold across nodes, because every decision about a number
 * is taken under that number's row lock in the shared database (security.md T-RACE).
 */
class PostgresClusterTest {

    private static final int NODES = 2;

    private static Postgres database;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static CheckRaces races;

    @BeforeAll
    static void startCluster() {
        database = Postgres.createDatabase();
        // One after the other: the first node runs the migrations on the fresh database, the next finds them done.
        for (int i = 0; i < NODES; i++) {
            nodes.add(startNode());
        }
        races = new CheckRaces(nodes.stream()
                .map(node -> new RawVerify(new TestServer(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")))))
                .toList());
    }

    private static ConfigurableApplicationContext startNode() {
        return new SpringApplicationBuilder(CallgateApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=",
                // Enough for the races, and polite to a PostgreSQL that other builds share.
                "--spring.datasource.hikari.maximum-pool-size=10",
                "--callgate.account-sid=" + TestServer.ACCOUNT_SID,
                "--callgate.auth-token=" + TestServer.AUTH_TOKEN,
                "--callgate.secret-key=" + TestServer.SECRET_KEY,
                "--callgate.dev.inbox.enabled=true");
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
    void fiftyWrongChecksOverTwoNodesCountFiveAndThenTheRightCodeIsRefused() {
        races.wrongChecksStopAtTheAttemptLimit();
    }

    @Test
    void theRightCodeRacingFiftyWrongOnesOverTwoNodesApprovesOnlyWhileAttemptsRemain() {
        races.rightCodeAmongWrongOnes();
    }

    @Test
    void twentyRightChecksOverTwoNodesApproveExactlyOnce() {
        races.rightChecksApproveOnce();
    }

    @Test
    void fiftyWrongChecksOverTwoNodesAndFiveVerificationsOfOneNumberStopAtItsDailyCap() {
        races.failuresAcrossVerificationsStopAtTheDestinationCap();
    }

    @Test
    void twentyStartsOverTwoNodesMakeOneVerificationAndAtMostFiveMessages() {
        races.startsMakeOneVerification();
    }
}
