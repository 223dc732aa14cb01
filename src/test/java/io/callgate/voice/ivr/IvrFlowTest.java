package io.callgate.voice.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.callgate.directory.Account;
import io.callgate.directory.Accounts;
import io.callgate.session.CallerSessions;
import io.callgate.session.Factor;
import io.callgate.support.CallgateTest;
import io.callgate.support.DatabaseContents;
import io.callgate.support.TestCarrier;
import io.callgate.support.TestCarrier.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Element;

/** The IVR walked as a carrier would: signed webhooks over real HTTP, TwiML parsed as XML. */
@CallgateTest
@ExtendWith(OutputCaptureExtension.class)
class IvrFlowTest {

    private static final Set<String> TWIML_VERBS = Set.of("Response", "Say", "Play", "Pause", "Gather", "Dial",
            "Conference", "Redirect", "Hangup", "Reject");
    private static final String PIN = "480213";
    private static final AtomicInteger CALLS = new AtomicInteger();

    /** The operator's menu endpoint: answers the balance of the account it is given. */
    private static final List<String> MENU_REQUESTS = new CopyOnWriteArrayList<>();
    private static final List<String> MENU_AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private static final HttpServer MENU_ENDPOINT = startMenuEndpoint();

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    CallerSessions sessions;

    @Autowired
    JdbcClient db;

    @Autowired
    javax.sql.DataSource dataSource;

    TestCarrier carrier;

    @DynamicPropertySource
    static void ivr(DynamicPropertyRegistry registry) {
        String line = "callgate.voice.ivr.bank.";
        registry.add(line + "voice", () -> "Polly.Joanna");
        registry.add(line + "language", () -> "en-GB");
        registry.add(line + "prompts.welcome", () -> "Welcome to Example Bank.");
        registry.add(line + "menu[1].label", () -> "For your balance, press 1.");
        registry.add(line + "menu[1].url", () -> "http://127.0.0.1:" + MENU_ENDPOINT.getAddress().getPort() + "/balance");
        registry.add(line + "menu[1].authorization", () -> "Bearer menu-secret");
        registry.add(line + "menu[1].text", () -> "Your balance cannot be read right now.");
        registry.add(line + "menu[2].label", () -> "For payments, press 2.");
        registry.add(line + "menu[2].text", () -> "Payments are made on the first of the month.");
        registry.add(line + "menu[3].label", () -> "For a broken service, press 3.");
        registry.add(line + "menu[3].url", () -> "http://127.0.0.1:" + MENU_ENDPOINT.getAddress().getPort() + "/broken");
        registry.add(line + "menu[9].label", () -> "To end the call, press 9.");
        registry.add(line + "menu[9].exit", () -> "true");
    }

    @AfterAll
    static void stopMenuEndpoint() {
        MENU_ENDPOINT.stop(0);
    }

    @BeforeEach
    void setUp() {
        carrier = new TestCarrier("http://127.0.0.1:" + port);
        db.sql("delete from limit_event").update();
        db.sql("delete from directory_account").update();
        accounts.create(new Account("1234567", "Ada Lovelace", null, null, Map.of("tier", "gold")), PIN);
        MENU_REQUESTS.clear();
        MENU_AUTHORIZATIONS.clear();
    }

    @Test
    void aCallerLogsInIsGreetedByNameAndUsesTheMenu() {
        Call call = new Call("+15005550006");

        Answer welcome = call.post("/voice/ivr/bank", null);
        assertThat(welcome.verbs()).containsExactly("Say", "Gather", "Say", "Redirect");
        assertThat(welcome.said().getFirst()).isEqualTo("Welcome to Example Bank.");
        Element gather = welcome.elements("/Response/Gather").getFirst();
        assertThat(gather.getAttribute("finishOnKey")).isEqualTo("#");
        assertThat(gather.getAttribute("input")).isEqualTo("dtmf");
        assertThat(welcome.elements("//Say").getFirst().getAttribute("voice")).isEqualTo("Polly.Joanna");
        assertThat(welcome.elements("//Say").getFirst().getAttribute("language")).isEqualTo("en-GB");

        Answer pinPrompt = call.gather(welcome, "1234567");
        assertThat(pinPrompt.said()).contains("Please enter your PIN, then press pound.");
        assertThat(pinPrompt.body()).doesNotContain("1234567");

        Answer greeting = call.gather(pinPrompt, PIN);
        assertThat(greeting.verbs()).containsExactly("Say", "Redirect");
        assertThat(greeting.said()).containsExactly("Welcome, Ada Lovelace.");
        var session = sessions.find(call.sid).orElseThrow();
        assertThat(session.hasProven(Factor.ACCOUNT)).isTrue();
        assertThat(session.hasProven(Factor.PIN)).isTrue();
        assertThat(session.claimedIdentity()).isEqualTo("1234567");

        Answer menu = call.redirect(greeting);
        Element menuGather = menu.elements("/Response/Gather").getFirst();
        assertThat(menuGather.getAttribute("numDigits")).isEqualTo("1");
        assertThat(menu.said()).startsWith("For your balance, press 1.", "For payments, press 2.",
                "For a broken service, press 3.", "To end the call, press 9.");

        Answer balance = call.gather(menu, "1");
        assertThat(balance.said()).containsExactly("Account 1234567 (gold) has a balance of 42 pounds.");
        assertThat(MENU_AUTHORIZATIONS).containsExactly("Bearer menu-secret");
        assertThat(MENU_REQUESTS.getFirst()).contains("\"account_number\":\"1234567\"").contains("\"option\":\"1\"")
                .doesNotContain(PIN);

        Answer payments = call.gather(call.redirect(balance), "2");
        assertThat(payments.said()).containsExactly("Payments are made on the first of the month.");

        Answer broken = call.gather(call.redirect(payments), "3");
        assertThat(broken.said()).containsExactly("That service is not available right now.");

        Answer invalid = call.gather(call.redirect(broken), "7");
        assertThat(invalid.said()).containsExactly("That is not a valid choice.");
        assertThat(invalid.verbs()).containsExactly("Say", "Redirect");
        assertThat(call.redirect(invalid).said()).contains("For your balance, press 1.");

        Answer bye = call.gather(call.redirect(invalid), "9");
        assertThat(bye.verbs()).containsExactly("Say", "Hangup");
        assertOnlyTwimlVerbs(welcome, pinPrompt, greeting, menu, balance, payments, invalid, bye);
    }

    @Test
    void anUnknownAccountAndAWrongPinSoundExactlyAlike() {
        Call wrongPin = new Call("+15005550006");
        Answer wrong = wrongPin.gather(wrongPin.gather(wrongPin.post("/voice/ivr/bank", null), "1234567"), "480214");
        Call unknownAccount = new Call("+15005550007");
        Answer unknown = unknownAccount.gather(unknownAccount.gather(unknownAccount.post("/voice/ivr/bank", null), "7654321"), PIN);

        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(wrong.verbs()).containsExactly("Pause", "Say", "Redirect");
        assertThat(wrong.elements("/Response/Pause").getFirst().getAttribute("length")).isEqualTo("2");
        assertThat(wrong.said()).containsExactly("We could not verify that account number and PIN.");
    }

    @Test
    void threeRefusedTriesEndTheCall() {
        Call call = new Call("+15005550006");
        Answer answer = call.post("/voice/ivr/bank", null);
        for (int i = 0; i < 2; i++) {
            answer = call.gather(call.gather(answer, "1234567"), "11223" + i);
            assertThat(answer.verbs()).containsExactly("Pause", "Say", "Redirect");
            answer = call.redirect(answer);
            assertThat(answer.said()).doesNotContain("Welcome to Example Bank.");
        }

        Answer last = call.gather(call.gather(answer, "1234567"), "112239");

        assertThat(last.verbs()).containsExactly("Pause", "Say", "Say", "Hangup");
        assertThat(last.said()).containsExactly("We could not verify that account number and PIN.", "Too many attempts. Goodbye.");
    }

    @Test
    void afterTenWrongPinsOverSeveralCallsEvenTheRightPinIsRefusedTheSameWay() {
        for (int i = 0; i < 10; i++) {
            Call call = new Call("+1500555" + (6000 + i));
            call.gather(call.gather(call.post("/voice/ivr/bank", null), "1234567"), "5" + (10000 + i));
        }
        Call owner = new Call("+15005550006");
        Answer refused = owner.gather(owner.gather(owner.post("/voice/ivr/bank", null), "1234567"), PIN);

        assertThat(refused.said()).containsExactly("We could not verify that account number and PIN.");
        assertThat(sessions.find(owner.sid).orElseThrow().hasProven(Factor.ACCOUNT)).isFalse();
    }

    @Test
    void pinsReachNeitherTheLogsNorTheDatabase(CapturedOutput output) {
        Call wrong = new Call("+15005550006");
        wrong.gather(wrong.gather(wrong.post("/voice/ivr/bank", null), "1234567"), "902817");
        Call right = new Call("+15005550008");
        right.gather(right.gather(right.post("/voice/ivr/bank", null), "1234567"), PIN);

        assertThat(sessions.find(right.sid).orElseThrow().hasProven(Factor.PIN)).isTrue();
        assertThat(output.getAll()).doesNotContain("902817").doesNotContain(PIN).doesNotContain("1234567");
        assertThat(DatabaseContents.dump(dataSource)).doesNotContain("902817").doesNotContain(PIN);
    }

    @Test
    void theMenuServesOnlyCallsThatLoggedInOnThisLine() {
        Call intruder = new Call("+15005550006");
        intruder.post("/voice/ivr/bank", null);

        Answer menu = intruder.post("/voice/ivr/bank/menu?round=1", null);
        Answer choice = intruder.post("/voice/ivr/bank/choice?round=1", "1");

        assertThat(menu.verbs()).containsExactly("Say", "Hangup");
        assertThat(choice.verbs()).containsExactly("Say", "Hangup");
        assertThat(MENU_REQUESTS).isEmpty();
    }

    @Test
    void badInputGetsClearTwimlNeverAServerError() {
        Call call = new Call("anonymous");
        Answer welcome = call.post("/voice/ivr/bank", null);
        assertThat(welcome.status()).isEqualTo(200);

        for (String digits : List.of("12ab", "12345678901", "", "1*2")) {
            Answer bad = call.gather(welcome, digits);
            assertThat(bad.status()).isEqualTo(200);
            assertThat(bad.said()).containsExactly("That account number is not valid. Account numbers have up to 10 digits.");
            assertThat(bad.verbs()).containsExactly("Say", "Redirect");
        }
        Answer garbledPin = call.gather(call.gather(welcome, "1234567"), "48a213");
        assertThat(garbledPin.said()).containsExactly("We could not verify that account number and PIN.");

        Answer sip = new Call("sip:alice@example.com").post("/voice/ivr/bank?try=zz", null);
        assertThat(sip.status()).isEqualTo(200);
        assertThat(sip.verbs()).contains("Gather");
        assertThat(new Call("+266696687").post("/voice/ivr/bank", null).status()).isEqualTo(200);

        Answer unknownLine = call.post("/voice/ivr/nowhere", null);
        assertThat(unknownLine.status()).isEqualTo(404);
        assertThat(unknownLine.verbs()).containsExactly("Say", "Hangup");

        Answer noCall = carrier.post("/voice/ivr/bank", TestCarrier.params("From", "+15005550006"));
        assertThat(noCall.status()).isEqualTo(400);
        assertThat(noCall.verbs()).containsExactly("Say", "Hangup");

        String url = carrier.url("/voice/ivr/bank");
        Answer unsigned = carrier.send(url, TestCarrier.params("CallSid", "CA" + "0".repeat(32), "From", "+15005550006"),
                null, Map.of());
        assertThat(unsigned.status()).isEqualTo(403);
        assertOnlyTwimlVerbs(welcome, garbledPin, sip, unknownLine, noCall);
    }

    private static void assertOnlyTwimlVerbs(Answer... answers) {
        for (Answer answer : answers) {
            assertThat(answer.elements("//*")).extracting(Element::getTagName).allMatch(TWIML_VERBS::contains);
        }
    }

    /** One phone call: its CallSid and caller ID on every request, following Gather actions and Redirects. */
    private final class Call {

        final String sid = "CA" + String.format("%032x", CALLS.incrementAndGet() + System.nanoTime());
        final String from;

        Call(String from) {
            this.from = from;
        }

        Answer post(String path, String digits) {
            Map<String, String> params = digits == null
                    ? TestCarrier.params("CallSid", sid, "From", from, "To", "+15005550001")
                    : TestCarrier.params("CallSid", sid, "From", from, "To", "+15005550001", "Digits", digits);
            Answer answer = carrier.post(path, params);
            assertThat(answer.status()).as(answer.body()).isLessThan(500);
            return answer;
        }

        /** Types digits into the answer's Gather. */
        Answer gather(Answer answer, String digits) {
            return post(answer.elements("/Response/Gather").getFirst().getAttribute("action"), digits);
        }

        Answer redirect(Answer answer) {
            return post(answer.elements("/Response/Redirect").getFirst().getTextContent(), null);
        }
    }

    private static HttpServer startMenuEndpoint() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/balance", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                MENU_REQUESTS.add(body);
                MENU_AUTHORIZATIONS.add(exchange.getRequestHeaders().getFirst("Authorization"));
                String account = body.replaceAll(".*\"account_number\":\"([0-9]+)\".*", "$1");
                String tier = body.replaceAll(".*\"tier\":\"([a-z]+)\".*", "$1");
                byte[] answer = ("{\"text\":\"Account " + account + " (" + tier + ") has a balance of 42 pounds.\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.createContext("/broken", exchange -> {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
