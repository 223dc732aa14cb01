package io.callgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callgate.support.Browser;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole agent flow in Debian's Chromium: sign in, open a caller a CRM announced, send a code, a wrong
 * read-back, a resend, a cancel, a new code and the right read-back; the customer's details appear only then,
 * and no response the browser received before carried them.
 */
@CallgateTest
@TestPropertySource(properties = "callgate.agent.api-secret=" + AgentFixture.API_SECRET)
class AgentConsoleBrowserTest {

    private static final String CALLER = "+14155550100";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    Clock clock;

    TestServer server;
    AgentFixture fixture;
    String base;

    @BeforeEach
    void setUp() {
        base = "http://localhost:" + port;
        server = new TestServer(base);
        fixture = new AgentFixture(server, db, clock);
    }

    @Test
    void anAgentVerifiesACallerAndOnlyThenSeesTheCustomer() {
        String sid = fixture.announced(CALLER, "WT0001");
        try (Browser browser = Browser.launch()) {
            Browser.Session ada = browser.session(base, "en");
            Page page = ada.page();
            signIn(page, "ada");
            shoot(page, "agent-1-interactions");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open")).click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Caller +1******0100");
            assertThat(page.locator("#status").textContent()).isEqualTo("waiting");
            assertThat(page.getByLabel("the number on file (" + io.callgate.verify.Destination.mask(AgentFixture.ON_FILE) + ")").isVisible()).isTrue();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send code")).click();
            assertThat(page.getByRole(AriaRole.STATUS).textContent()).isEqualTo("Code sent.");
            String first = server.lastCode(CALLER);

            page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).fill(wrong(first));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check code")).click();
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("That code is not right");
            shoot(page, "agent-2-wrong-code");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resend code")).click();
            assertThat(server.inbox(CALLER)).hasSize(2).allSatisfy(m -> assertThat(m.code()).isEqualTo(first));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel the code")).click();
            assertThat(page.locator("#status").textContent()).isEqualTo("waiting");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send code")).click();
            String second = server.lastCode(CALLER);
            assertThat(server.inbox(CALLER)).hasSize(3);

            List<Browser.Received> beforeVerification = List.copyOf(ada.received());
            page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).fill(second);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check code")).click();
            assertThat(page.locator("#verified").textContent()).isEqualTo("Verified");
            assertThat(page.locator("#customer").textContent()).contains(AgentFixture.CUSTOMER_NAME,
                    AgentFixture.ON_FILE, AgentFixture.SECRET_DETAIL);
            shoot(page, "agent-3-verified");

            assertThat(beforeVerification).as("responses before verification").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.body()).as(r.url())
                            .doesNotContain(AgentFixture.CUSTOMER_NAME, AgentFixture.SECRET_DETAIL, AgentFixture.ON_FILE));
            assertThat(ada.elsewhere()).as("requests that left for the internet").isEmpty();
        }
        assertThat(db.sql("select action from agent_audit where interaction_sid = ? order by id").param(sid)
                .query(String.class).list())
                .containsExactly("take", "send_code", "check_code", "resend_code", "cancel_code", "send_code",
                        "check_code", "view_customer");
        assertThat(db.sql("select distinct agent from agent_audit where interaction_sid = ?").param(sid)
                .query(String.class).list()).containsExactly("ada");
        assertThat(db.sql("select detail from agent_audit").query(String.class).list())
                .noneMatch(d -> d != null && (d.contains(server.lastCode(CALLER)) || d.contains(CALLER)));
    }

    @Test
    void theConsoleSpeaksSpanish() {
        fixture.announced(CALLER, "WT0002");
        try (Browser browser = Browser.launch()) {
            Browser.Session bob = browser.session(base, "es");
            Page page = bob.page();
            page.navigate(base + "/agent/login");
            page.getByLabel("Nombre de agente").fill("bob");
            page.getByLabel("Contraseña").fill(AgentFixture.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Iniciar sesión")).click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Interacciones en curso");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Abrir")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enviar código")).click();
            assertThat(page.getByRole(AriaRole.STATUS).textContent()).isEqualTo("Código enviado.");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English")).click();
            assertThat(page.locator("#status").textContent()).isEqualTo("code sent");
        }
    }

    @Test
    void theFormsWorkFromTheKeyboard() {
        fixture.announced(CALLER, "WT0003");
        try (Browser browser = Browser.launch()) {
            Page page = browser.session(base, "en").page();
            page.navigate(base + "/agent/login");
            assertThat(page.evaluate("document.activeElement.id")).as("the name field has the focus").isEqualTo("username");
            page.keyboard().type("ada");
            page.keyboard().press("Tab");
            page.keyboard().type(AgentFixture.PASSWORD);
            page.keyboard().press("Enter");
            page.waitForURL(base + "/agent");
            assertThat(page.locator("h1").textContent()).isEqualTo("Live interactions");
        }
    }

    private void signIn(Page page, String agent) {
        page.navigate(base + "/agent");
        shoot(page, "agent-0-sign-in");
        page.getByLabel("Agent name").fill(agent);
        page.getByLabel("Password").fill(AgentFixture.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(base + "/agent");
    }

    /** Screenshots for the README, only when asked for with CALLGATE_SCREENSHOTS=<directory>. */
    private static void shoot(Page page, String name) {
        String dir = System.getenv("CALLGATE_SCREENSHOTS");
        if (dir != null && !dir.isBlank()) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(dir, name + ".png")).setFullPage(true));
        }
    }

    private static String wrong(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (last == '9' ? '0' : (char) (last + 1));
    }
}
