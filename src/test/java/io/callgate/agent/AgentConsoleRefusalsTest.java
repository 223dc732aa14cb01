package io.callgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.DatabaseContents;
import io.callgate.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.catalina.Manager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * What the console refuses, and that a refusal changes nothing: a forged CSRF token, an expired session,
 * another agent's interaction, customer details before verification, and CRM posts that are unsigned,
 * tampered with, stale or replayed.
 */
@CallgateTest
@TestPropertySource(properties = "callgate.agent.api-secret=" + AgentFixture.API_SECRET)
class AgentConsoleRefusalsTest {

    private static final String CALLER = "+14155550111";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    Clock clock;

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    javax.sql.DataSource dataSource;

    TestServer server;
    AgentFixture fixture;
    String base;

    @BeforeEach
    void setUp() {
        base = "http://127.0.0.1:" + port;
        server = new TestServer(base);
        fixture = new AgentFixture(server, db, clock);
        server.send(server.request("/dev/inbox").DELETE().build());
    }

    @Test
    void aFormPostedWithAForgedCsrfTokenChangesNothing() {
        String sid = fixture.announced(CALLER, "WT1001");
        ConsoleClient ada = ConsoleClient.signedIn(base, "ada");
        ada.get("/agent/interactions/" + sid);
        String before = snapshot();
        ada.useCsrf("forged-" + ada.csrf().substring(7));
        HttpResponse<String> send = ada.post("/agent/interactions/" + sid + "/send", "target=caller");
        assertThat(send.statusCode()).isEqualTo(403);
        ada.useCsrf(null);
        assertThat(ada.post("/agent/interactions/" + sid + "/send", "target=caller").statusCode()).isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(server.inbox(CALLER)).isEmpty();
    }

    @Test
    void anExpiredSessionIsSentToSignInAndChangesNothing() throws Exception {
        String sid = fixture.announced(CALLER, "WT1002");
        ConsoleClient ada = ConsoleClient.signedIn(base, "ada");
        ada.get("/agent/interactions/" + sid);
        Manager sessions = ((org.apache.catalina.Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost()
                .findChildren()[0]).getManager();
        sessions.findSession(ada.session()).expire();
        String before = snapshot();

        HttpResponse<String> send = ada.post("/agent/interactions/" + sid + "/send", "target=caller");
        assertThat(send.statusCode()).isEqualTo(302);
        assertThat(send.headers().firstValue("Location")).get().asString().contains("/agent/login");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(server.inbox(CALLER)).isEmpty();
        assertThat(ada.get("/agent").statusCode()).isEqualTo(302);
    }

    @Test
    void anotherAgentsInteractionIsRefused() {
        String sid = fixture.announced(CALLER, "WT1003");
        ConsoleClient ada = ConsoleClient.signedIn(base, "ada");
        ada.get("/agent/interactions/" + sid);
        assertThat(ada.post("/agent/interactions/" + sid + "/send", "target=caller").statusCode()).isEqualTo(302);
        String code = server.lastCode(CALLER);

        ConsoleClient bob = ConsoleClient.signedIn(base, "bob");
        String before = snapshotWithoutAudit();
        assertThat(bob.get("/agent/interactions/" + sid).statusCode()).isEqualTo(403);
        assertThat(bob.post("/agent/interactions/" + sid + "/check", "code=" + code).statusCode()).isEqualTo(403);
        assertThat(bob.post("/agent/interactions/" + sid + "/cancel", "").statusCode()).isEqualTo(403);
        assertThat(bob.post("/agent/interactions/" + sid + "/end", "").statusCode()).isEqualTo(403);
        assertThat(bob.get("/agent/interactions/" + sid + "/customer").statusCode()).isEqualTo(403);
        assertThat(snapshotWithoutAudit()).isEqualTo(before);
        assertThat(db.sql("select action from agent_audit where agent = 'bob' and interaction_sid = ?").param(sid)
                .query(String.class).list()).hasSize(5).containsOnly("refused");

        // Ada still has it, and her code still works: Bob's tries spent nothing.
        ada.get("/agent/interactions/" + sid);
        ada.post("/agent/interactions/" + sid + "/check", "code=" + code);
        assertThat(ada.get("/agent/interactions/" + sid + "/customer").body()).contains(AgentFixture.CUSTOMER_NAME);
    }

    @Test
    void customerDetailsAreRefusedUntilTheCallerIsVerified() {
        String sid = fixture.announced(CALLER, "WT1004");
        ConsoleClient ada = ConsoleClient.signedIn(base, "ada");
        HttpResponse<String> details = ada.get("/agent/interactions/" + sid + "/customer");
        assertThat(details.statusCode()).isEqualTo(403);
        assertThat(details.body()).doesNotContain(AgentFixture.CUSTOMER_NAME, AgentFixture.SECRET_DETAIL);
        HttpResponse<String> page = ada.get("/agent/interactions/" + sid);
        assertThat(page.body()).doesNotContain(AgentFixture.CUSTOMER_NAME, AgentFixture.SECRET_DETAIL, AgentFixture.ON_FILE);
        HttpResponse<String> list = ada.get("/agent");
        assertThat(list.body()).doesNotContain(AgentFixture.CUSTOMER_NAME, AgentFixture.CUSTOMER, CALLER);

        ConsoleClient stranger = new ConsoleClient(base);
        HttpResponse<String> anonymous = stranger.get("/agent/interactions/" + sid + "/customer");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain(AgentFixture.CUSTOMER_NAME);
    }

    @Test
    void readBacksAreLimitedPerInteraction() {
        String sid = fixture.announced(CALLER, "WT1005");
        ConsoleClient ada = ConsoleClient.signedIn(base, "ada");
        ada.get("/agent/interactions/" + sid);
        int checks = 0;
        for (int round = 0; round < 3; round++) {
            ada.post("/agent/interactions/" + sid + "/send", "target=caller");
            String code = server.lastCode(CALLER);
            for (int i = 0; i < 5 && checks < 10; i++, checks++) {
                ada.post("/agent/interactions/" + sid + "/check", "code=" + (code.equals("000000") ? "111111" : "000000"));
            }
        }
        assertThat(status(sid)).isEqualTo("locked");
        ada.post("/agent/interactions/" + sid + "/send", "target=caller");
        assertThat(status(sid)).isEqualTo("locked");
        assertThat(db.sql("select failed_readbacks from interaction where sid = ?").param(sid).query(Integer.class).single())
                .isEqualTo(10);
    }

    @Test
    void unsignedTamperedStaleAndReplayedPostsAreRefused() {
        String body = "{\"caller\":\"" + CALLER + "\",\"task_id\":\"WT2001\",\"customer_ref\":\"" + AgentFixture.CUSTOMER + "\"}";
        long now = clock.instant().getEpochSecond();
        String signature = CrmPosts.header(AgentFixture.API_SECRET, now, AgentFixture.bytes(body));
        String before = snapshot();

        assertRefused(fixture.post(body, null), 401, 20003);
        assertRefused(fixture.post(body, "t=" + now + ",v1=" + "0".repeat(64)), 401, 20003);
        assertRefused(fixture.post(body.replace("1234567", "7654321"), signature), 401, 20003);
        assertRefused(fixture.post(body, signature.replace("t=" + now, "t=" + (now + 1))), 401, 20003);
        String stale = CrmPosts.header(AgentFixture.API_SECRET, now - 600, AgentFixture.bytes(body));
        assertRefused(fixture.post(body, stale), 401, 20003);
        String otherSecret = CrmPosts.header("another secret", now, AgentFixture.bytes(body));
        assertRefused(fixture.post(body, otherSecret), 401, 20003);
        assertThat(snapshot()).isEqualTo(before);

        assertThat(fixture.post(body, signature).statusCode()).isEqualTo(201);
        String after = snapshot();
        assertRefused(fixture.post(body, signature), 409, 20409);
        assertThat(snapshot()).isEqualTo(after);
        assertThat(db.sql("select count(*) from interaction").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void badAnnouncementsGetTheApisErrors() {
        long now = clock.instant().getEpochSecond();
        for (String body : List.of("not json", "{\"caller\":\"12345\",\"task_id\":\"T1\"}",
                "{\"caller\":\"" + CALLER + "\"}", "{\"caller\":\"" + CALLER + "\",\"task_id\":\"" + "x".repeat(200) + "\"}",
                "{\"caller\":\"" + CALLER + "\",\"task_id\":\"T2\",\"call_sid\":\"CA<script>\"}")) {
            HttpResponse<String> response = fixture.post(body, CrmPosts.header(AgentFixture.API_SECRET, now++, AgentFixture.bytes(body)));
            assertRefused(response, 400, 60200);
        }
        assertThat(db.sql("select count(*) from interaction").query(Integer.class).single()).isZero();
    }

    private void assertRefused(HttpResponse<String> response, int status, int code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestServer.json(response.body())).containsKeys("code", "message", "more_info", "status")
                .containsEntry("code", code);
    }

    private String status(String sid) {
        return db.sql("select status from interaction where sid = ?").param(sid).query(String.class).single();
    }

    private String snapshot() {
        return DatabaseContents.dump(dataSource);
    }

    /** Everything but the audit trail and the sign-in counts, which a refusal is meant to add to. */
    private String snapshotWithoutAudit() {
        return snapshot().lines().filter(line -> !line.startsWith("agent_audit:") && !line.startsWith("limit_event:"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
