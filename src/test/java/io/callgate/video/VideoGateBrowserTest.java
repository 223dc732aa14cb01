package io.callgate.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.interfaces.DecodedJWT;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.callgate.support.Browser;
import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import io.callgate.support.TestServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The gate in Debian's Chromium: a participant gives their identity, types a wrong code and then the right one,
 * and gets the room's link with a token; an unknown identity sees the same screens. Nothing is fetched from
 * anywhere but callgate. With {@code CALLGATE_SCREENSHOTS} set to a directory the steps are saved there as PNGs.
 */
@CallgateTest
class VideoGateBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Test
    void aParticipantGetsTheRoomLinkAndAnUnknownIdentitySeesTheSameScreens() {
        String base = "http://localhost:" + port;
        RoomFixture rooms = new RoomFixture(new TestServer(base));
        String ada = RoomFixture.phone();
        String room = rooms.room(RoomFixture.roomName("board"), "livekit",
                "https://meet.livekit.io/custom?liveKitUrl=wss://lk.example.org&token={token}",
                RoomFixture.participant("ada", "Ada Lovelace", ada, "moderator"),
                RoomFixture.participant("bob", "Bob", RoomFixture.phone(), "participant"));
        try (Browser browser = Browser.launch()) {
            Browser.Session person = browser.session(base, "en");
            Page page = person.page();
            page.navigate(base + "/video/" + room);
            assertThat(page.title()).isEqualTo("Join Board livekit · callgate");
            assertThat(page.evaluate("document.activeElement.id")).isEqualTo("identity");
            screenshot(page, "video-0-identity.png");

            // Keyboard only: the identity field has the focus, Enter sends the form.
            page.keyboard().type("Ada");
            page.keyboard().press("Enter");
            page.waitForSelector("#code");
            String hint = "••••••" + ada.substring(ada.length() - 2);
            assertThat(page.locator("[role=status]").innerText()).isEqualTo("We sent a code by text message to " + hint + ".");
            String knownCodeStep = masked(page.locator("main").innerText());
            screenshot(page, "video-1-code.png");

            String code = rooms.server.lastCode(ada);
            page.getByLabel("Code").fill(code.equals("000000") ? "111111" : "000000");
            page.keyboard().press("Enter");
            page.waitForSelector("[role=alert]");
            assertThat(page.locator("[role=alert]").innerText()).isEqualTo("That code is not right. You can try 4 more times.");
            String knownWrongCode = masked(page.locator("main").innerText());
            screenshot(page, "video-2-wrong-code.png");

            page.getByLabel("Code").fill(code);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the code")).click();
            page.waitForSelector("#join");
            assertThat(page.title()).isEqualTo("You can join Board livekit · callgate");
            assertThat(page.locator("[role=status]").innerText()).isEqualTo("Welcome, Ada Lovelace. Your code is right.");
            String link = page.locator("#join").getAttribute("href");
            assertThat(link).startsWith("https://meet.livekit.io/custom?liveKitUrl=wss://lk.example.org&token=");
            DecodedJWT token = RoomFixture.verified(URLDecoder.decode(link.substring(link.indexOf("&token=") + 7),
                    StandardCharsets.UTF_8), TestServer.LIVEKIT_API_SECRET, TestServer.LIVEKIT_API_KEY, clock);
            assertThat(token.getSubject()).isEqualTo("ada");
            assertThat(token.getClaim("video").asMap()).containsEntry("roomAdmin", true).containsEntry("room", room);
            screenshot(page, "video-3-admitted.png");
            assertThat(person.elsewhere()).isEmpty();

            Browser.Session stranger = browser.session(base, "en");
            Page other = stranger.page();
            other.navigate(base + "/video/" + room);
            other.getByLabel("Your identity").fill("mallory");
            other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a code")).click();
            other.waitForSelector("#code");
            assertThat(other.locator("[role=status]").innerText()).matches("We sent a code by text message to ••••••[0-9]{2}\\.");
            assertThat(masked(other.locator("main").innerText())).isEqualTo(knownCodeStep);
            other.getByLabel("Code").fill("000000");
            other.keyboard().press("Enter");
            other.waitForSelector("[role=alert]");
            assertThat(masked(other.locator("main").innerText())).isEqualTo(knownWrongCode);
            assertThat(stranger.received().stream().map(Browser.Received::body)).noneMatch(b -> b.contains("eyJ"));
            assertThat(stranger.elsewhere()).isEmpty();
        }
    }

    @Test
    void inSpanishARoomWithoutALinkHandsOverTheTokenToPaste() {
        String base = "http://localhost:" + port;
        RoomFixture rooms = new RoomFixture(new TestServer(base));
        String ana = RoomFixture.phone();
        String room = rooms.room(RoomFixture.roomName("sala"), "jitsi", null,
                RoomFixture.participant("ana", "Ana", ana, "participant"));
        try (Browser browser = Browser.launch()) {
            Browser.Session person = browser.session(base, "es");
            Page page = person.page();
            page.navigate(base + "/video/" + room);
            assertThat(page.title()).isEqualTo("Entrar en Board jitsi · callgate");
            page.getByLabel("Su identidad").fill("ana");
            page.keyboard().press("Enter");
            page.waitForSelector("#code");
            assertThat(page.locator("[role=status]").innerText())
                    .isEqualTo("Le hemos enviado un código por SMS al ••••••" + ana.substring(ana.length() - 2) + ".");
            page.getByLabel("Código").fill(rooms.server.lastCode(ana));
            page.keyboard().press("Enter");
            page.waitForSelector("#token");
            String token = page.getByLabel("Su token de la sala").inputValue();
            assertThat(RoomFixture.verified(token, TestServer.JITSI_APP_SECRET, TestServer.JITSI_APP_ID, clock)
                    .getClaim("room").asString()).isEqualTo(room);
            screenshot(page, "video-4-token-es.png");

            // The language links of the code step lead back to the start, now in the other language.
            page.navigate(base + "/video/" + room + "/code?lang=en");
            assertThat(page.url()).isEqualTo(base + "/video/" + room);
            assertThat(page.getByLabel("Your identity").isVisible()).isTrue();
            page.navigate(base + "/video/no-such-room");
            assertThat(page.locator("h1").innerText()).isEqualTo("Room not found");
            assertThat(person.received().stream().filter(r -> r.url().endsWith("/video/no-such-room")))
                    .extracting(Browser.Received::status).containsExactly(404);
            assertThat(person.elsewhere()).isEmpty();
        }
    }

    /** The page's text with the digits of the hint hidden: what must not differ between a known and unknown identity. */
    private static String masked(String text) {
        return text.replaceAll("••••••[0-9]{2}", "••••••NN");
    }

    private static void screenshot(Page page, String name) {
        String dir = System.getenv("CALLGATE_SCREENSHOTS");
        if (dir != null && !dir.isBlank()) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(dir).resolve(name)).setFullPage(true));
        }
    }
}
