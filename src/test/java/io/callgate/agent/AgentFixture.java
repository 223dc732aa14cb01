package io.callgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Agents, a customer on file and CRM posts for the console tests. */
final class AgentFixture {

    static final String API_SECRET = "crm-shared-secret-for-tests-0123456789";
    static final String PASSWORD = "correct horse battery";
    static final String CUSTOMER = "1234567";
    static final String CUSTOMER_NAME = "Ada Lovelace";
    static final String ON_FILE = "+442079460958";
    static final String SECRET_DETAIL = "platinum-plus";

    private final TestServer server;
    private final Clock clock;

    AgentFixture(TestServer server, JdbcClient db, Clock clock) {
        this.server = server;
        this.clock = clock;
        for (String table : new String[] {"agent_audit", "interaction", "interaction_post", "agent", "directory_account"}) {
            db.sql("delete from " + table).update();
        }
        db.sql("delete from limit_event").update();
        agent("ada", "Ada Agent");
        agent("bob", "Bob Agent");
        HttpResponse<String> account = server.post("/admin/accounts", "application/json",
                "{\"account_number\":\"" + CUSTOMER + "\",\"display_name\":\"" + CUSTOMER_NAME + "\",\"pin\":\"480213\","
                        + "\"phone\":\"" + ON_FILE + "\",\"email\":\"ada@example.org\",\"attributes\":{\"tier\":\""
                        + SECRET_DETAIL + "\"}}");
        assertThat(account.statusCode()).as(account.body()).isEqualTo(201);
    }

    private void agent(String name, String display) {
        HttpResponse<String> created = server.post("/admin/agents", "application/json",
                "{\"username\":\"" + name + "\",\"display_name\":\"" + display + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** A CRM's signed announcement of a caller. */
    HttpResponse<String> announce(String caller, String task, String customerRef) {
        String body = "{\"caller\":\"" + caller + "\",\"task_id\":\"" + task + "\",\"customer_ref\":\"" + customerRef + "\"}";
        return post(body, CrmPosts.header(API_SECRET, clock.instant().getEpochSecond(), bytes(body)));
    }

    HttpResponse<String> post(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + "/agent/api/interactions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Callgate-Signature", signature);
        }
        return TestServer.send(request.build());
    }

    String announced(String caller, String task) {
        HttpResponse<String> response = announce(caller, task, CUSTOMER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) TestServer.json(response.body()).get("sid");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, Object> json(String body) {
        return TestServer.json(body);
    }
}
