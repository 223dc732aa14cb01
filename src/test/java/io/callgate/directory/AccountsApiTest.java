package io.callgate.directory;

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
import org.springframework.jdbc.core.simple.JdbcClient;

@CallgateTest
class AccountsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    IvrLogin login;

    @Autowired
    javax.sql.DataSource dataSource;

    TestServer server;

    @BeforeEach
    void setUp() {
        server = new TestServer(port);
        db.sql("delete from directory_account").update();
    }

    @Test
    void createsReadsUpdatesAndDeletesAnAccountWithoutEverShowingThePin() {
        HttpResponse<String> created = json("POST", "/admin/accounts", """
                {"account_number": "1234567", "display_name": "Ada Lovelace", "pin": "480213",
                 "phone": "+44 20 7946 0958", "email": "ada@Example.ORG", "attributes": {"tier": "gold"}}""");

        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> body = TestServer.json(created.body());
        assertThat(body).containsEntry("account_number", "1234567").containsEntry("display_name", "Ada Lovelace")
                .containsEntry("phone", "+442079460958").containsEntry("email", "ada@example.org")
                .containsEntry("attributes", Map.of("tier", "gold")).doesNotContainKey("pin").doesNotContainKey("pin_hash");
        assertThat(created.body()).doesNotContain("480213").doesNotContain("argon2");

        assertThat(TestServer.json(server.get("/admin/accounts/1234567").body())).containsEntry("display_name", "Ada Lovelace");
        assertThat(login.authenticate("1234567", "480213", "+15005550006").accepted()).isTrue();

        HttpResponse<String> updated = json("PUT", "/admin/accounts/1234567", """
                {"display_name": "Ada King", "pin": "731946", "email": ""}""");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(updated.body())).containsEntry("display_name", "Ada King")
                .containsEntry("phone", "+442079460958").containsEntry("email", null);
        assertThat(login.authenticate("1234567", "480213", "+15005550006").accepted()).isFalse();
        assertThat(login.authenticate("1234567", "731946", "+15005550006").account().displayName()).isEqualTo("Ada King");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) TestServer.json(server.get("/admin/accounts").body()).get("accounts");
        assertThat(listed).extracting(a -> a.get("account_number")).containsExactly("1234567");

        HttpResponse<String> deleted = TestServer.send(server.request("/admin/accounts/1234567").DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(server.get("/admin/accounts/1234567").statusCode()).isEqualTo(404);
        assertThat(TestServer.send(server.request("/admin/accounts/1234567").DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void thePinIsStoredOnlyAsAnArgon2idHash() {
        json("POST", "/admin/accounts", """
                {"account_number": "42", "display_name": "Grace", "pin": "93175"}""");

        assertThat(db.sql("select pin_hash from directory_account").query(String.class).single())
                .startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(DatabaseContents.dump(dataSource)).doesNotContain("93175");
    }

    @Test
    void badInputGetsAClearErrorInTheApiFormat() {
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "12345678901", "display_name": "Too long", "pin": "480213"}"""), 400, "account_number");
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "12a", "display_name": "Letters", "pin": "480213"}"""), 400, "account_number");
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "77", "display_name": "Short", "pin": "123"}"""), 400, "pin must be 4 to 8 digits");
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "77", "display_name": "Easy", "pin": "123456"}"""), 400, "too easy");
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "77", "display_name": "Easy", "pin": "1111"}"""), 400, "too easy");
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "774411", "display_name": "Own number", "pin": "774411"}"""), 400, "too easy");
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "77", "display_name": " ", "pin": "480213"}"""), 400, "display_name");
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "77", "display_name": "Bad phone", "pin": "480213", "phone": "12345"}"""), 400, "phone");
        assertError(json("POST", "/admin/accounts", """
                {"display_name": "No number", "pin": "480213"}"""), 400, "account_number");
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "77", "display_name": "No PIN"}"""), 400, "pin");
        assertError(json("POST", "/admin/accounts", "{not json"), 400, "could not be read");
        assertError(json("POST", "/admin/accounts", "[1, 2]"), 400, "could not be read");
        assertError(server.post("/admin/accounts", "text/plain", "account=1"), 415, "application/json");
        assertError(json("PUT", "/admin/accounts/999", "{\"display_name\": \"Nobody\"}"), 404, "/admin/accounts/999");
        assertError(server.get("/admin/accounts/not-a-number"), 404, "not found");

        json("POST", "/admin/accounts", """
                {"account_number": "77", "display_name": "First", "pin": "480213"}""");
        assertError(json("POST", "/admin/accounts", """
                {"account_number": "77", "display_name": "Second", "pin": "480213"}"""), 409, "already exists");
        assertThat(DatabaseContents.dump(dataSource)).doesNotContain("Second");
    }

    @Test
    void theAdminApiNeedsTheAccountCredentials() {
        HttpResponse<String> anonymous = TestServer.send(HttpRequest.newBuilder(
                java.net.URI.create(server.base() + "/admin/accounts")).GET().build());
        HttpResponse<String> wrong = new TestServer(server.base(), TestServer.ACCOUNT_SID, "wrong-token").get("/admin/accounts");

        assertError(anonymous, 401, "Authenticate");
        assertError(wrong, 401, "Authenticate");
    }

    @Test
    void importsAccountsFromCsvAndReplacesExistingOnes() {
        json("POST", "/admin/accounts", """
                {"account_number": "1001", "display_name": "Old name", "pin": "480213", "attributes": {"tier": "gold"}}""");
        String csv = """
                account,name,pin,phone,email
                1001,"Lovelace, Ada",592831,+442079460958,ada@example.org
                1002,Grace Hopper,8265,,
                """;

        HttpResponse<String> imported = server.post("/admin/accounts/import", "text/csv", csv);

        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(imported.body())).containsEntry("created", 1).containsEntry("updated", 1);
        Account replaced = login.authenticate("1001", "592831", "+15005550006").account();
        assertThat(replaced.displayName()).isEqualTo("Lovelace, Ada");
        assertThat(replaced.attributes()).containsEntry("tier", "gold");
        assertThat(login.authenticate("1001", "480213", "+15005550006").accepted()).isFalse();
        assertThat(login.authenticate("1002", "8265", "+15005550006").account().phone()).isNull();
        assertThat(imported.body()).doesNotContain("592831");
    }

    @Test
    void aBadCsvFileChangesNothingAndNamesTheLine() {
        String csv = """
                account,name,pin,phone,email
                2001,Fine Person,592831,,
                2002,Weak Pin,0000,,
                """;

        HttpResponse<String> refused = server.post("/admin/accounts/import", "text/csv", csv);

        assertError(refused, 400, "line 3");
        assertThat(refused.body()).doesNotContain("0000");
        assertThat(db.sql("select count(*) from directory_account").query(Integer.class).single()).isZero();
        assertError(server.post("/admin/accounts/import", "text/csv", "number,name\n1,A\n"), 400, "header");
        assertError(server.post("/admin/accounts/import", "text/csv", "account,name,pin,phone,email\n3,\"unclosed,5928,,\n"),
                400, "Import refused");
        assertError(server.post("/admin/accounts/import", "text/csv", """
                account,name,pin,phone,email
                3,A,592831,,
                3,B,592831,,
                """), 400, "repeats account 3");
    }

    private HttpResponse<String> json(String method, String path, String body) {
        return TestServer.send(server.request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> body = TestServer.json(response.body());
        assertThat(body).containsKeys("code", "message", "more_info", "status").containsEntry("status", status);
        assertThat((String) body.get("message")).contains(messagePart);
    }
}
