package io.callgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.Browser;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@CallgateTest
class AgentSignInTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("CALLGATE_SESSION=([^;]+)");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    private TestServer server;

    @BeforeEach
    void agent() {
        server = new TestServer(port);
        db.sql("delete from limit_event where subject like 'agent:%'").update();
        db.sql("delete from agent_audit").update();
        server.post("/admin/agents/ada", "application/json", "");
        server.send(server.request("/admin/agents/ada").DELETE().build());
        var created = server.post("/admin/agents", "application/json",
                "{\"username\":\"Ada\",\"display_name\":\"Ada Lovelace\",\"password\":\"correct horse battery\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"username\":\"ada\"").doesNotContain("correct horse").doesNotContain("argon2");
    }

    @Test
    void theConsoleNeedsASignedInAgent() {
        HttpResponse<String> page = get("/agent", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).get().asString().endsWith("/agent/login");
    }

    @Test
    void aSignInWithoutTheFormsCsrfTokenIsRefused() {
        HttpResponse<String> form = get("/agent/login", null);
        String session = session(form);
        HttpResponse<String> post = post("/agent/login", session, "username=ada&password=correct+horse+battery");
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(db.sql("select count(*) from agent_audit where action = 'sign_in'").query(Integer.class).single()).isZero();
    }

    @Test
    void theSessionCookieIsHiddenFromScriptsAndChangesAtSignIn() {
        HttpResponse<String> form = get("/agent/login", null);
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Strict");
        String before = session(form);
        HttpResponse<String> signedIn = signIn(before, csrf(form.body()), "correct horse battery");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).get().asString().endsWith("/agent");
        assertThat(session(signedIn)).isNotEqualTo(before);
        assertThat(db.sql("select agent from agent_audit where action = 'sign_in'").query(String.class).list())
                .containsExactly("ada");
    }

    @Test
    void tenWrongPasswordsLockTheNameEvenForTheRightOne() {
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> form = get("/agent/login", null);
            HttpResponse<String> wrong = signIn(session(form), csrf(form.body()), "wrong password " + i);
            assertThat(wrong.headers().firstValue("Location")).get().asString().endsWith("/agent/login?error");
        }
        HttpResponse<String> form = get("/agent/login", null);
        HttpResponse<String> right = signIn(session(form), csrf(form.body()), "correct horse battery");
        assertThat(right.headers().firstValue("Location")).get().asString().endsWith("/agent/login?error");
        assertThat(db.sql("select count(*) from agent_audit where action = 'sign_in_locked'").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void anAgentSignsInWithABrowser() {
        String base = "http://localhost:" + port;
        try (Browser browser = Browser.launch()) {
            Browser.Session person = browser.session(base, "es");
            var page = person.page();
            page.navigate(base + "/agent");
            assertThat(page.title()).contains("Iniciar sesión");
            page.getByLabel("Nombre de agente").fill("ada");
            page.getByLabel("Contraseña").fill("correct horse battery");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Iniciar sesión")).click();
            page.waitForURL(base + "/agent");
            assertThat(person.elsewhere()).isEmpty();
        }
    }

    private HttpResponse<String> signIn(String session, String csrf, String password) {
        return post("/agent/login", session, "username=ada&password=" + password.replace(' ', '+') + "&_csrf=" + csrf);
    }

    private HttpResponse<String> get(String path, String session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (session != null) {
            request.header("Cookie", "CALLGATE_SESSION=" + session);
        }
        return TestServer.send(request.build());
    }

    private HttpResponse<String> post(String path, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Cookie", "CALLGATE_SESSION=" + session);
        }
        return TestServer.send(request.build());
    }

    private static String session(HttpResponse<String> response) {
        Matcher m = SESSION.matcher(response.headers().allValues("Set-Cookie").toString());
        return m.find() ? m.group(1) : null;
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF field in " + html).isTrue();
        return m.group(1);
    }
}
