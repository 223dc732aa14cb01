package io.callgate.voice.lines;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.session.CallerSessions;
import io.callgate.session.Factor;
import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import io.callgate.support.Parallel;
import io.callgate.support.TestCarrier;
import io.callgate.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Element;

/** Every mode of a conference line, walked end to end over real HTTP with signed webhooks. */
@CallgateTest
class LineCallsTest {

    static final String ADA = "+14155550101";
    static final String BOB = "+14155550102";
    static final String EVE = "+14155550666";

    @LocalServerPort
    int port;

    @Autowired
    CallerSessions sessions;

    @Autowired
    MutableClock clock;

    TestServer server;
    TestCarrier carrier;

    @BeforeEach
    void setUp() {
        server = new TestServer(port);
        carrier = new TestCarrier(server.base());
        TestServer.send(server.request("/dev/inbox").DELETE().build());
    }

    private void importLines(String yaml) {
        var response = server.post("/admin/lines/import", "application/yaml", yaml);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private TestCall call(String from) {
        return new TestCall(carrier, from);
    }

    private static Element conference(TestCarrier.Answer answer) {
        assertThat(answer.verbs()).as(answer.body()).endsWith("Dial");
        return answer.elements("/Response/Dial/Conference").getFirst();
    }

    private static void assertHungUp(TestCarrier.Answer answer, String... said) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.verbs()).as(answer.body()).last().isEqualTo("Hangup");
        assertThat(answer.elements("//Dial")).isEmpty();
        assertThat(answer.said()).contains(said);
    }

    private static void assertAsks(TestCarrier.Answer answer, String step, int attempt) {
        assertThat(answer.status()).isEqualTo(200);
        Element gather = answer.elements("/Response/Gather").getFirst();
        assertThat(gather.getAttribute("action")).endsWith("/" + step + "?attempt=" + attempt);
        assertThat(gather.getAttribute("finishOnKey")).isEqualTo("#");
        assertThat(gather.getAttribute("input")).isEqualTo("dtmf");
        assertThat(gather.getAttribute("actionOnEmptyResult")).isEqualTo("true");
        assertThat(answer.elements("/Response/Redirect").getFirst().getTextContent()).isEqualTo(gather.getAttribute("action"));
    }

    private String codeFor(String to) {
        return server.lastCode(to);
    }

    // ---- open

    @Test
    void anOpenLineWelcomesAndJoinsEveryone() {
        importLines("""
                path: lobby
                mode: open
                conference: Lobby Room
                beep: "false"
                maxParticipants: 40
                prompts:
                  voice: Polly.Amy
                  language: en-GB
                  welcome: Welcome to the lobby.
                """);
        var answer = call("anonymous").dial("lobby");
        assertThat(answer.said()).containsExactly("Welcome to the lobby.", LinePrompts.DEFAULTS.joining());
        assertThat(answer.xpath("/Response/Say[1]/@voice")).isEqualTo("Polly.Amy");
        assertThat(answer.xpath("/Response/Say[1]/@language")).isEqualTo("en-GB");
        Element room = conference(answer);
        assertThat(room.getTextContent()).isEqualTo("Lobby Room");
        assertThat(room.getAttribute("beep")).isEqualTo("false");
        assertThat(room.getAttribute("maxParticipants")).isEqualTo("40");
        assertThat(room.getAttribute("startConferenceOnEnter")).isEqualTo("true");
        assertThat(room.getAttribute("endConferenceOnExit")).isEqualTo("false");
    }

    // ---- passcode

    @Test
    void aPasscodeLineAdmitsTheRightPasscodeAfterAWrongOne() {
        importLines("""
                path: townhall
                mode: passcode
                passcode: "0471"
                """);
        TestCall call = call("sip:alice@example.org");
        assertAsks(call.dial("townhall"), "passcode", 0);
        var wrong = call.press("1234");
        assertThat(wrong.said()).startsWith(LinePrompts.DEFAULTS.wrongPasscode());
        assertAsks(wrong, "passcode", 1);
        assertThat(conference(call.press("0471")).getTextContent()).isEqualTo("townhall");
    }

    @Test
    void aPasscodeLineSaysGoodbyeAfterItsRetries() {
        importLines("""
                path: retries
                mode: passcode
                passcode: "8080"
                retries: 2
                """);
        TestCall call = call(ADA);
        call.dial("retries");
        assertAsks(call.press("1111"), "passcode", 1);
        assertHungUp(call.press("2222"), LinePrompts.DEFAULTS.wrongPasscode(), LinePrompts.DEFAULTS.tooManyTries(),
                LinePrompts.DEFAULTS.goodbye());
    }

    @Test
    void garbledEntriesAreAskedForAgainNeverA500() {
        importLines("""
                path: garbled
                mode: passcode
                passcode: "5150"
                retries: 6
                """);
        TestCall call = call("+266696687");
        call.dial("garbled");
        for (String garbage : List.of("12ab", "1234567890123", "*#", "", "٣٤٥٦")) {
            var answer = call.press(garbage);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.said().getFirst()).isIn(LinePrompts.DEFAULTS.invalidEntry(), LinePrompts.DEFAULTS.noEntry());
        }
        assertThat(conference(call.press("5150")).getTextContent()).isEqualTo("garbled");
    }

    // ---- allowlist

    @Test
    void anAllowlistLineJoinsMembersAndRefusesEveryoneElse() {
        importLines("""
                path: crew
                mode: allowlist
                members:
                  - { name: Ada, phone: "+1 (415) 555-0101" }
                """);
        TestCall ada = call(ADA);
        conference(ada.dial("crew"));
        var session = sessions.find(ada.sid()).orElseThrow();
        assertThat(session.proven()).containsOnlyKeys(Factor.CALLER_ID);
        assertThat(session.claimedIdentity()).isEqualTo(ADA);
        assertThat(session.line()).isEqualTo("crew");

        for (String stranger : new String[] {EVE, "anonymous", "+266696687", "sip:ada@example.org", "client:ada", "", "+1"}) {
            assertHungUp(call(stranger).dial("crew"), LinePrompts.DEFAULTS.refused());
        }
        assertHungUp(call(null).dial("crew"), LinePrompts.DEFAULTS.refused());
    }

    // ---- verified

    private void verifiedLine(String path, int maxFailuresPerHour) {
        importLines("""
                path: %s
                name: Board line
                mode: verified
                waitForModerator: true
                waitUrl: https://music.example.org/hold.mp3
                mutedOnEntry: true
                maxFailuresPerHour: %d
                retries: 3
                members:
                  - { name: Ada, phone: "%s", role: moderator }
                  - { name: Bob, phone: "%s", email: bob@example.org, channel: email }
                """.formatted(path, maxFailuresPerHour, ADA, BOB));
    }

    @Test
    void aVerifiedLineSendsACodeAndJoinsOnTheRightOne() {
        verifiedLine("board", 20);
        TestCall ada = call(ADA);
        var answer = ada.dial("board");
        assertAsks(answer, "code", 0);
        assertThat(answer.said()).containsExactly("Welcome.", LinePrompts.DEFAULTS.codeSent(), LinePrompts.DEFAULTS.enterCode());
        assertThat(server.inbox(ADA)).hasSize(1).first().satisfies(m -> {
            assertThat(m.channel()).isEqualTo("sms");
            assertThat(m.body()).contains("Board line");
        });
        // The code appears in no TwiML.
        assertThat(answer.body()).doesNotContain(codeFor(ADA));

        Element room = conference(ada.press(codeFor(ADA)));
        assertThat(room.getAttribute("startConferenceOnEnter")).isEqualTo("true");
        assertThat(room.getAttribute("endConferenceOnExit")).isEqualTo("true");
        assertThat(room.getAttribute("muted")).isEqualTo("false");
        assertThat(sessions.find(ada.sid()).orElseThrow().proven()).containsOnlyKeys(Factor.CALLER_ID, Factor.OTP);
    }

    @Test
    void aMemberWaitsForTheModeratorWithMusicAndGetsTheCodeByEmail() {
        verifiedLine("board-email", 20);
        TestCall bob = call(BOB);
        bob.dial("board-email");
        assertThat(server.inbox("bob@example.org")).hasSize(1);
        assertThat(server.inbox(BOB)).isEmpty();
        var joined = bob.press(codeFor("bob@example.org"));
        assertThat(joined.said()).contains(LinePrompts.DEFAULTS.waitForModerator());
        Element room = conference(joined);
        assertThat(room.getAttribute("startConferenceOnEnter")).isEqualTo("false");
        assertThat(room.getAttribute("endConferenceOnExit")).isEqualTo("false");
        assertThat(room.getAttribute("muted")).isEqualTo("true");
        assertThat(room.getAttribute("waitUrl")).isEqualTo("https://music.example.org/hold.mp3");
        assertThat(room.getAttribute("waitMethod")).isEqualTo("GET");
    }

    @Test
    void aWrongCodeIsAnnouncedAndAskedAgainAgainstTheSameVerification() {
        verifiedLine("board-wrong", 20);
        TestCall ada = call(ADA);
        ada.dial("board-wrong");
        String code = codeFor(ADA);
        String wrongCode = code.equals("000000") ? "111111" : "000000";
        var wrong = ada.press(wrongCode);
        assertThat(wrong.said()).startsWith(LinePrompts.DEFAULTS.wrongCode());
        assertAsks(wrong, "code", 1);
        assertThat(ada.press("12x4").said()).startsWith(LinePrompts.DEFAULTS.invalidEntry());
        conference(ada.press(code));
        // Still the one code that was sent: no second message.
        assertThat(server.inbox(ADA)).hasSize(1);
    }

    @Test
    void threeWrongCodesEndTheCall() {
        verifiedLine("board-three", 20);
        TestCall ada = call(ADA);
        ada.dial("board-three");
        String wrongCode = codeFor(ADA).equals("000000") ? "111111" : "000000";
        ada.press(wrongCode);
        ada.press(wrongCode);
        assertHungUp(ada.press(wrongCode), LinePrompts.DEFAULTS.tooManyTries());
        assertThat(sessions.find(ada.sid()).orElseThrow().proven()).doesNotContainKey(Factor.OTP);
    }

    @Test
    void unknownAndHiddenCallersGetNoCode() {
        verifiedLine("board-strangers", 20);
        for (String stranger : new String[] {EVE, "anonymous", "+266696687", "sip:ada@example.org"}) {
            assertHungUp(call(stranger).dial("board-strangers"), LinePrompts.DEFAULTS.refused());
        }
        assertThat(server.inbox(null)).isEmpty();
        // A stranger posting to the code step directly gets no further.
        TestCall eve = call(EVE);
        var params = TestCarrier.params("CallSid", eve.sid(), "From", EVE, "Digits", "123456");
        assertHungUp(carrier.post("/voice/lines/board-strangers/code?attempt=0", params), LinePrompts.DEFAULTS.refused());
    }

    @Test
    void aRepeatedDeliverySendsNoSecondCode() {
        verifiedLine("board-replay", 20);
        TestCall ada = call(ADA);
        var token = Map.of("I-Twilio-Idempotency-Token", "idem-" + ada.sid());
        var first = ada.dial("board-replay", token);
        var again = ada.dial("board-replay", token);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(server.inbox(ADA)).hasSize(1);

        // The same for a repeated wrong code: counted once.
        String wrongCode = codeFor(ADA).equals("000000") ? "111111" : "000000";
        var wrongToken = Map.of("I-Twilio-Idempotency-Token", "idem-wrong-" + ada.sid());
        ada.press(wrongCode, wrongToken);
        var wrongAgain = carrier.send(first.xpath("/Response/Gather/@action"),
                withDigits(ada, wrongCode), carrier.sign(first.xpath("/Response/Gather/@action"), withDigits(ada, wrongCode)),
                wrongToken);
        assertAsks(wrongAgain, "code", 1);
        ada.press(wrongCode);
        // Two wrong codes counted, not three: a third wrong one would have ended the call.
        assertThat(ada.last().said()).doesNotContain(LinePrompts.DEFAULTS.tooManyTries());
    }

    private static Map<String, String> withDigits(TestCall call, String digits) {
        var params = new java.util.LinkedHashMap<String, String>();
        params.put("CallSid", call.sid());
        params.put("AccountSid", "AC00000000000000000000000000000009");
        params.put("From", ADA);
        params.put("To", "+14155550199");
        params.put("CallStatus", "in-progress");
        params.put("Direction", "inbound");
        params.put("ApiVersion", "2010-04-01");
        params.put("Digits", digits);
        return params;
    }

    @Test
    void aForgedRequestIs403AndSendsNothing() {
        verifiedLine("board-forged", 20);
        String url = carrier.url("/voice/lines/board-forged");
        var params = TestCarrier.params("CallSid", "CAforged", "From", ADA);
        assertThat(carrier.send(url, params, null, Map.of()).status()).isEqualTo(403);
        assertThat(carrier.send(url, params, new TestCarrier(server.base(), "guessed").sign(url, params), Map.of()).status())
                .isEqualTo(403);
        assertThat(server.inbox(ADA)).isEmpty();
        assertThat(sessions.find("CAforged")).isEmpty();
    }

    @Test
    void theLineCapsFailedCodesAcrossAllCallersEvenWhenTheyRace() {
        int members = 16;
        int cap = 5;
        StringBuilder yaml = new StringBuilder("""
                path: spoofed
                mode: verified
                maxFailuresPerHour: %d
                members:
                """.formatted(cap));
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String phone = "+1415555%04d".formatted(2000 + i);
            phones.add(phone);
            yaml.append("  - { name: M").append(i).append(", phone: \"").append(phone).append("\" }\n");
        }
        importLines(yaml.toString());
        List<TestCall> calls = new ArrayList<>();
        for (String phone : phones) {
            TestCall c = call(phone);
            assertAsks(c.dial("spoofed"), "code", 0);
            calls.add(c);
        }
        List<Callable<TestCarrier.Answer>> guesses = calls.stream()
                .map(c -> (Callable<TestCarrier.Answer>) () -> c.press(codeFor(phoneOf(c, calls, phones)).equals("999999") ? "888888" : "999999"))
                .toList();
        List<TestCarrier.Answer> answers = Parallel.run(guesses);

        long judgedWrong = answers.stream().filter(a -> a.said().contains(LinePrompts.DEFAULTS.wrongCode())).count();
        long refused = answers.stream().filter(a -> a.said().contains(LinePrompts.DEFAULTS.unavailable())).count();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(judgedWrong).isEqualTo(cap);
        assertThat(refused).isEqualTo(members - cap);

        // While the line is at its cap even the right code is not checked, and no new code is sent.
        TestCall late = calls.getFirst();
        assertHungUp(call(phones.get(1)).dial("spoofed"), LinePrompts.DEFAULTS.unavailable());
        // An hour later the line takes entries again.
        clock.advance(Duration.ofMinutes(61));
        TestCall again = call(phones.get(1));
        assertAsks(again.dial("spoofed"), "code", 0);
        conference(again.press(codeFor(phones.get(1))));
        assertThat(late).isNotNull();
    }

    private static String phoneOf(TestCall call, List<TestCall> calls, List<String> phones) {
        return phones.get(calls.indexOf(call));
    }

    // ---- pin

    @Test
    void aPinLineKnowsTheModeratorByPinFromAnyPhone() {
        importLines("""
                path: pins
                mode: pin
                waitForModerator: true
                waitUrl: https://music.example.org/hold
                members:
                  - { name: Ada, phone: "%s", role: moderator, pin: "482915" }
                  - { name: Bob, phone: "%s", pin: "739164" }
                """.formatted(ADA, BOB));
        // The moderator calls from a phone the line does not know.
        TestCall fromHotel = call("+442071838750");
        assertAsks(fromHotel.dial("pins"), "pin", 0);
        Element room = conference(fromHotel.press("482915"));
        assertThat(room.getAttribute("startConferenceOnEnter")).isEqualTo("true");
        assertThat(room.getAttribute("endConferenceOnExit")).isEqualTo("true");
        var session = sessions.find(fromHotel.sid()).orElseThrow();
        assertThat(session.claimedIdentity()).isEqualTo(ADA);
        assertThat(session.proven()).containsOnlyKeys(Factor.PIN);

        TestCall bob = call(BOB);
        bob.dial("pins");
        var wrong = bob.press("482916");
        assertThat(wrong.said()).startsWith(LinePrompts.DEFAULTS.wrongPin());
        Element bobRoom = conference(bob.press("739164"));
        assertThat(bobRoom.getAttribute("startConferenceOnEnter")).isEqualTo("false");
        assertThat(sessions.find(bob.sid()).orElseThrow().proven()).containsOnlyKeys(Factor.PIN, Factor.CALLER_ID);

        // Bob's PIN from Ada's phone is still Bob, a member: the PIN decides, not the caller ID.
        TestCall bobOnAdasPhone = call(ADA);
        bobOnAdasPhone.dial("pins");
        assertThat(conference(bobOnAdasPhone.press("739164")).getAttribute("startConferenceOnEnter")).isEqualTo("false");
    }

    // ---- bad requests

    @Test
    void anUnknownLineIs404WithASpokenGoodbye() {
        var answer = call(ADA).dial("no-such-line");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.verbs()).containsExactly("Say", "Hangup");
        assertThat(call(ADA).dial("Bad%20Path").status()).isIn(403, 404);
    }

    @Test
    void aRequestWithoutCallSidGetsTwimlNot500() {
        importLines("""
                path: nosid
                mode: open
                """);
        var answer = carrier.post("/voice/lines/nosid", TestCarrier.params("From", ADA));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.verbs()).containsExactly("Say", "Hangup");
    }
}
