package io.callgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.callgate.support.CallgateTest;
import io.callgate.support.Parallel;
import io.callgate.support.TestServer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read-back cap holds when an agent's clicks race each other, and customer details can come from a CRM's
 * HTTP endpoint, asked with its bearer token and shown only after verification.
 */
@CallgateTest
class ReadbackRaceTest {

    private static final WireMockServer CRM = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
            .dynamicPort());

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        CRM.start();
        registry.add("callgate.agent.api-secret", () -> AgentFixture.API_SECRET);
        registry.add("callgate.agent.max-failed-readbacks", () -> "3");
        registry.add("callgate.agent.customer-lookup.url", () -> CRM.baseUrl() + "/customers/{ref}");
        registry.add("callgate.agent.customer-lookup.bearer-token", () -> "crm-token");
    }

    @AfterAll
    static void stop() {
        CRM.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    Clock clock;

    TestServer server;
    AgentFixture fixture;

    @BeforeEach
    void setUp() {
        server = new TestServer(port);
        fixture = new AgentFixture(server, db, clock);
        CRM.resetAll();
        CRM.stubFor(WireMock.get("/customers/C-77").withHeader("Authorization", WireMock.equalTo("Bearer crm-token"))
                .willReturn(WireMock.okJson("{\"name\":\"Grace Hopper\",\"phone\":\"+14155550177\",\"plan\":\"navy-blue\"}")));
    }

    @Test
    void racingWrongReadBacksCountNoMoreThanTheCap() {
        String sid = announce("+14155550144", "WT3001");
        ConsoleClient ada = ConsoleClient.signedIn(server.base(), "ada");
        ada.get("/agent/interactions/" + sid);
        ada.post("/agent/interactions/" + sid + "/send", "target=caller");
        String code = server.lastCode("+14155550144");
        String wrong = code.equals("000000") ? "111111" : "000000";

        List<Callable<Integer>> clicks = IntStream.range(0, 20)
                .<Callable<Integer>>mapToObj(i -> () -> ada.post("/agent/interactions/" + sid + "/check", "code=" + wrong).statusCode())
                .toList();
        assertThat(Parallel.run(clicks)).containsOnly(302);

        assertThat(db.sql("select failed_readbacks, status from interaction where sid = ?").param(sid).query().singleRow())
                .containsEntry("failed_readbacks", 3).containsEntry("status", "locked");
        assertThat(db.sql("select check_attempts from verification where to_address = ?").param("+14155550144")
                .query(Integer.class).list()).containsExactly(3);
        ada.post("/agent/interactions/" + sid + "/check", "code=" + code);
        assertThat(ada.get("/agent/interactions/" + sid + "/customer").statusCode()).isEqualTo(403);
    }

    @Test
    void detailsFromTheCrmEndpointAppearOnlyOnceVerified() {
        String sid = announce("+14155550155", "WT3002");
        ConsoleClient ada = ConsoleClient.signedIn(server.base(), "ada");
        String before = ada.get("/agent/interactions/" + sid).body();
        assertThat(before).contains(io.callgate.verify.Destination.mask("+14155550177")).doesNotContain("Grace Hopper", "navy-blue", "+14155550177");

        ada.post("/agent/interactions/" + sid + "/send", "target=on_file");
        String code = server.lastCode("+14155550177");
        ada.post("/agent/interactions/" + sid + "/check", "code=" + code);
        assertThat(ada.get("/agent/interactions/" + sid).body()).contains("Grace Hopper", "navy-blue");
        assertThat(ada.get("/agent/interactions/" + sid + "/customer").body()).contains("\"plan\":\"navy-blue\"");
    }

    private String announce(String caller, String task) {
        var response = fixture.announce(caller, task, "C-77");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) TestServer.json(response.body()).get("sid");
    }
}
