package io.callgate.voice.lines;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.DatabaseContents;
import io.callgate.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import javax.sql.DataSource;

/** {@code /admin/lines}: JSON management and YAML import, behind the API credentials. */
@CallgateTest
class LinesAdminTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource db;

    TestServer server;

    @BeforeEach
    void setUp() {
        server = new TestServer(port);
    }

    private HttpResponse<String> json(String method, String path, String body) {
        return TestServer.send(server.request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> yaml(String body) {
        return server.post("/admin/lines/import", "application/yaml", body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> members(Map<String, Object> line) {
        return (List<Map<String, Object>>) line.get("members");
    }

    @Test
    void createsShowsReplacesAndDeletesALine() {
        var created = json("POST", "/admin/lines", """
                {"path": "adm-board", "name": "Board", "mode": "pin", "waitForModerator": true,
                 "members": [{"name": "Ada", "phone": "+44 20 7183 8750", "role": "moderator", "pin": "482915"},
                             {"name": "Bob", "phone": "+14155550102", "email": "Bob@Example.ORG", "channel": "email", "pin": "739164"}],
                 "prompts": {"welcome": "Welcome to the board.", "voice": "woman"}}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var line = TestServer.json(created.body());
        assertThat(line).containsEntry("path", "adm-board").containsEntry("mode", "pin")
                .containsEntry("webhookUrl", server.base() + "/voice/lines/adm-board")
                .containsEntry("conference", "adm-board").containsEntry("retries", 3).containsEntry("maxParticipants", 250)
                .containsEntry("maxFailuresPerHour", 20).containsEntry("passcodeSet", false);
        assertThat(members(line).getFirst()).containsEntry("phone", "+442071838750").containsEntry("role", "moderator")
                .containsEntry("pinSet", true).containsEntry("channel", "sms");
        assertThat(members(line).get(1)).containsEntry("email", "Bob@example.org").containsEntry("channel", "email");
        @SuppressWarnings("unchecked")
        var prompts = (Map<String, Object>) line.get("prompts");
        assertThat(prompts).containsEntry("welcome", "Welcome to the board.").containsEntry("voice", "woman")
                .containsEntry("goodbye", LinePrompts.DEFAULTS.goodbye());
        assertThat(created.body()).doesNotContain("482915", "argon2", "pinHash");

        assertThat(json("POST", "/admin/lines", "{\"path\": \"adm-board\", \"mode\": \"open\"}").statusCode()).isEqualTo(409);
        assertThat(TestServer.json(server.get("/admin/lines/adm-board").body())).containsEntry("name", "Board");

        // A replacement without PINs keeps each member's PIN; a new member without one is refused on a pin line.
        var replaced = json("PUT", "/admin/lines/adm-board", """
                {"name": "Board (new)", "mode": "pin", "members": [{"name": "Ada", "phone": "+442071838750", "pin": "135792"},
                                                                   {"name": "Bob", "phone": "+14155550102"}]}
                """);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(members(TestServer.json(replaced.body()))).allSatisfy(m -> assertThat(m).containsEntry("pinSet", true));
        var refused = json("PUT", "/admin/lines/adm-board", """
                {"mode": "pin", "members": [{"name": "Cy", "phone": "+14155550103"}]}
                """);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(refused.body())).containsEntry("code", 60200)
                .containsEntry("message", "Invalid parameter: members[0].pin (expected a PIN for every member of a pin line)");

        assertThat(json("PUT", "/admin/lines/adm-other", "{\"path\": \"board\", \"mode\": \"open\"}").statusCode()).isEqualTo(400);
        assertThat(json("PUT", "/admin/lines/adm-fresh", "{\"mode\": \"open\"}").statusCode()).isEqualTo(201);

        @SuppressWarnings("unchecked")
        var all = (List<Map<String, Object>>) TestServer.json(server.get("/admin/lines").body()).get("lines");
        assertThat(all).extracting(l -> l.get("path")).contains("adm-board", "adm-fresh");

        assertThat(TestServer.send(server.request("/admin/lines/adm-board").DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(server.get("/admin/lines/adm-board").statusCode()).isEqualTo(404);
        assertThat(TestServer.send(server.request("/admin/lines/adm-board").DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void importsYamlCreatingAndReplacingByPath() {
        String document = """
                lines:
                  - path: adm-standup
                    mode: open
                  - path: adm-vault
                    mode: passcode
                    passcode: "0471"
                  - path: adm-exec
                    name: Executive line
                    mode: verified
                    waitForModerator: true
                    members:
                      - name: Ada
                        phone: "+14155550101"
                        role: moderator
                """;
        var first = yaml(document);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var results = (List<Map<String, Object>>) TestServer.json(first.body()).get("lines");
        assertThat(results).extracting(r -> r.get("result")).containsExactly("created", "created", "created");
        var exec = TestServer.json(server.get("/admin/lines/adm-exec").body());
        String service = (String) exec.get("verifyService");
        assertThat(service).startsWith("VA");
        // The line's own Verify service is a real one, named after the line.
        assertThat(TestServer.json(server.get("/v2/Services/" + service).body())).containsEntry("friendly_name", "Executive line");

        var second = yaml(document.replace("path: adm-standup", "path: adm-standup2"));
        @SuppressWarnings("unchecked")
        var again = (List<Map<String, Object>>) TestServer.json(second.body()).get("lines");
        assertThat(again).extracting(r -> r.get("result")).containsExactly("created", "replaced", "replaced");
        // Replacing keeps the line's service rather than making another.
        assertThat(TestServer.json(server.get("/admin/lines/adm-exec").body())).containsEntry("verifyService", service);

        // The same import as JSON.
        var asJson = server.post("/admin/lines/import", "application/json",
                "{\"lines\": [{\"path\": \"adm-json\", \"mode\": \"passcode\", \"passcode\": \"0471\"}]}");
        assertThat(asJson.statusCode()).as(asJson.body()).isEqualTo(200);
        assertThat(TestServer.json(server.get("/admin/lines/adm-json").body())).containsEntry("passcodeSet", true);
    }

    @Test
    void refusesBadLinesWithClearErrorsAndStoresNoneOfAFailedImport() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"path\": \"Bad Path\", \"mode\": \"open\"}", "path");
        bad.put("{\"path\": \"x\", \"mode\": \"secret\"}", "mode");
        bad.put("{\"path\": \"x\", \"mode\": \"open\", \"pasword\": \"1\"}", "pasword");
        bad.put("{\"path\": \"x\", \"mode\": \"open\", \"retries\": \"many\"}", "retries");
        bad.put("{\"path\": \"x\", \"mode\": \"open\", \"retries\": 0}", "retries");
        bad.put("{\"path\": \"x\", \"mode\": \"open\", \"maxParticipants\": 900}", "maxParticipants");
        bad.put("{\"path\": \"x\", \"mode\": \"open\", \"beep\": \"loud\"}", "beep");
        bad.put("{\"path\": \"x\", \"mode\": \"open\", \"waitUrl\": \"javascript:alert(1)\"}", "waitUrl");
        bad.put("{\"path\": \"x\", \"mode\": \"open\", \"waitForModerator\": true}", "waitForModerator");
        bad.put("{\"path\": \"x\", \"mode\": \"open\", \"carrier\": \"nobody\"}", "carrier");
        bad.put("{\"path\": \"x\", \"mode\": \"passcode\"}", "passcode");
        bad.put("{\"path\": \"x\", \"mode\": \"passcode\", \"passcode\": \"12ab\"}", "passcode");
        bad.put("{\"path\": \"x\", \"mode\": \"verified\"}", "members");
        bad.put("{\"path\": \"x\", \"mode\": \"verified\", \"verifyService\": \"VA00000000000000000000000000000000\","
                + " \"members\": [{\"name\": \"A\", \"phone\": \"+14155550101\"}]}", "verifyService");
        bad.put("{\"path\": \"x\", \"mode\": \"allowlist\", \"members\": [{\"name\": \"A\", \"phone\": \"4155550101\"}]}",
                "members[0].phone");
        bad.put("{\"path\": \"x\", \"mode\": \"allowlist\", \"members\": [{\"name\": \"A\", \"phone\": \"+14155550101\"},"
                + " {\"name\": \"B\", \"phone\": \"+1 415 555 0101\"}]}", "members[1].phone");
        bad.put("{\"path\": \"x\", \"mode\": \"verified\", \"members\": [{\"name\": \"A\", \"phone\": \"+14155550101\","
                + " \"channel\": \"email\"}]}", "members[0].email");
        bad.put("{\"path\": \"x\", \"mode\": \"pin\", \"members\": [{\"name\": \"A\", \"phone\": \"+14155550101\","
                + " \"pin\": \"123456\"}]}", "members[0].pin");
        bad.put("{\"path\": \"x\", \"mode\": \"pin\", \"members\": [{\"name\": \"A\", \"phone\": \"+14155550101\", \"pin\": \"9471\"},"
                + " {\"name\": \"B\", \"phone\": \"+14155550102\", \"pin\": \"9471\"}]}", "members[1].pin");
        bad.put("{\"path\": \"x\", \"mode\": \"allowlist\", \"members\": [{\"name\": \"A\", \"phone\": \"+14155550101\","
                + " \"role\": \"boss\"}]}", "members[0].role");
        bad.put("{\"path\": \"x\", \"mode\": \"open\"", "JSON");
        bad.put("", "required");
        bad.put("[]", "the line");
        bad.put("null", "required");
        bad.forEach((body, named) -> {
            var response = json("POST", "/admin/lines", body);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
            assertThat(TestServer.json(response.body())).containsEntry("code", 60200).containsEntry("status", 400);
            assertThat((String) TestServer.json(response.body()).get("message")).as(body).contains(named);
        });
        // Secrets are never echoed in errors.
        var weak = json("POST", "/admin/lines", "{\"path\": \"x\", \"mode\": \"pin\", \"members\": [{\"name\": \"A\","
                + " \"phone\": \"+14155550101\", \"pin\": {\"v\": \"58213\"}}]}");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).doesNotContain("58213");

        // YAML: octal-looking numbers must be quoted; broken YAML is a 400; one bad line stores nothing.
        var octal = yaml("path: y\nmode: pin\nmembers:\n  - {name: A, phone: \"+14155550101\", pin: 0123}\n");
        assertThat(octal.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(octal.body()).get("message").toString()).contains("members[0].pin", "quotes");
        assertThat(yaml("path: [unclosed").statusCode()).isEqualTo(400);
        assertThat(yaml("just a string").statusCode()).isEqualTo(400);
        assertThat(yaml("a: &a [1]\nb: *a\nc: !!java.lang.Runtime {}\n").statusCode()).isEqualTo(400);
        var partial = yaml("lines:\n  - {path: good-one, mode: open}\n  - {path: bad-one, mode: nope}\n");
        assertThat(partial.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(partial.body()).get("message").toString()).startsWith("lines[1]: ");
        assertThat(server.get("/admin/lines/good-one").statusCode()).isEqualTo(404);
    }

    @Test
    void theAdminApiNeedsTheCredentials() {
        var anonymous = TestServer.send(HttpRequest.newBuilder(java.net.URI.create(server.base() + "/admin/lines")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        var wrong = new TestServer(server.base(), TestServer.ACCOUNT_SID, "wrong").post("/admin/lines/import",
                "application/yaml", "path: z\nmode: open\n");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(server.get("/admin/lines/z").statusCode()).isEqualTo(404);
    }

    @Test
    void theDatabaseHoldsNoPlainPinOrPasscode() {
        yaml("""
                lines:
                  - path: pinline
                    mode: pin
                    members:
                      - {name: A, phone: "+14155550101", pin: "58213079"}
                  - path: codeline
                    mode: passcode
                    passcode: "90817263"
                """);
        String dump = DatabaseContents.dump(db);
        assertThat(dump).contains("$argon2id$").doesNotContain("58213079", "90817263");
    }
}
