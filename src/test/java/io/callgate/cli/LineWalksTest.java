package io.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.dev.CallSimulator;
import io.callgate.dev.CallStep;
import io.callgate.dev.Keypad;
import io.callgate.dev.Transcript;
import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import io.callgate.support.TestCarrier;
import io.callgate.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every mode of a conference line, walked end to end the way a person without a phone would: the lines
 * imported with {@code callgate admin lines import}, each call played by the simulator through callgate's
 * signature guard, codes read from the dev inbox.
 */
@CallgateTest
class LineWalksTest {

    static final String ADA = "+14155550101";
    static final String BOB = "+14155550102";
    static final String EVE = "+14155550666";
    static final String CAROL = "+14155550103";
    static final String ANN = "+14155550111";
    static final String BEN = "+14155550112";
    static final String CID = "+14155550113";

    static final String LINES = """
            lines:
              - path: walk-open
                mode: open
                conference: Open Room
                prompts: { welcome: Welcome to the open line., joining: Joining now. }
              - path: walk-passcode
                mode: passcode
                passcode: "0471"
                retries: 2
                prompts: { enterPasscode: Passcode please., wrongPasscode: That passcode is wrong., tooManyTries: Too many tries. }
              - path: walk-allowlist
                mode: allowlist
                prompts: { welcome: Members only., refused: "Sorry, this line is for members." }
                members:
                  - { name: Ada, phone: "%s", role: moderator }
              - path: walk-verified
                mode: verified
                waitForModerator: true
                waitUrl: https://music.example.org/hold
                prompts: { codeSent: We sent you a code., enterCode: Enter your code., wrongCode: That code is wrong. }
                members:
                  - { name: Ada, phone: "%s", role: moderator, channel: sms }
                  - { name: Bob, phone: "%s", email: bob@example.org, channel: email }
                  - { name: Carol, phone: "%s", channel: call }
              - path: walk-capped
                mode: verified
                maxFailuresPerHour: 3
                prompts: { wrongCode: That code is wrong., unavailable: This line takes no codes now. }
                members:
                  - { name: Ann, phone: "%s" }
                  - { name: Ben, phone: "%s" }
                  - { name: Cid, phone: "%s" }
              - path: walk-pin
                mode: pin
                waitForModerator: true
                prompts: { enterPin: Your PIN., wrongPin: That PIN is wrong. }
                members:
                  - { name: Ada, phone: "%s", role: moderator, pin: "482915" }
                  - { name: Bob, phone: "%s", pin: "739164" }
            """.formatted(ADA, ADA, BOB, CAROL, ANN, BEN, CID, ADA, BOB);

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Autowired
    MutableClock clock;

    TestServer server;
    CallSimulator simulator;

    @BeforeEach
    void importLines() throws IOException {
        // A minute between walks, as between real calls: with the test clock standing still, two codes for one
        // member would share a creation time, and a check by destination cannot tell the newer one.
        clock.advance(Duration.ofMinutes(1));
        server = new TestServer(port);
        TestServer.send(server.request("/dev/inbox").DELETE().build());
        simulator = CallSimulator.builder().token(TestCarrier.TOKEN).build();
        Path yaml = Files.writeString(dir.resolve("lines.yaml"), LINES);
        Console console = new Console("", Map.of("CALLGATE_ACCOUNT_SID", TestServer.ACCOUNT_SID,
                "CALLGATE_AUTH_TOKEN", TestServer.AUTH_TOKEN));
        assertThat(console.run("admin", "lines", "import", yaml.toString(), "--server", server.base()))
                .as(console.err()).isZero();
        assertThat(console.out()).contains("walk-open", "walk-pin");
    }

    private String line(String path) {
        return server.base() + "/voice/lines/" + path;
    }

    private static void assertClean(Transcript call, Transcript.Ending ending) {
        assertThat(call.findings()).as(call.toString()).isEmpty();
        assertThat(call.ending()).as(call.toString()).isEqualTo(ending);
    }

    /** At its turn in {@link #typing}, the caller hangs up instead of pressing keys. */
    private static final Supplier<String> HANG_UP = () -> null;

    /** Presses what each supplier gives, in turn: codes are read at the moment the prompt asks. */
    @SafeVarargs
    private static Keypad typing(Supplier<String>... presses) {
        Deque<Supplier<String>> queue = new ArrayDeque<>(List.of(presses));
        return prompt -> {
            String keys = queue.removeFirst().get();
            return keys == null ? Keypad.Press.hangingUp() : Keypad.Press.keys(keys);
        };
    }

    @Test
    void anOpenLineJoinsAWithheldCallerId() {
        Transcript call = simulator.play(line("walk-open"), "anonymous", "+14155550199", Keypad.scripted());

        assertClean(call, Transcript.Ending.DIAL);
        assertThat(call.said()).containsExactly("Welcome to the open line.", "Joining now.");
        assertThat(call.dial()).get().extracting(CallStep.Dial::noun, CallStep.Dial::target)
                .containsExactly("Conference", "Open Room");
    }

    @Test
    void aPasscodeLineAdmitsTheRightPasscodeAfterAWrongOneAndHangsUpAfterItsRetries() {
        Transcript admitted = simulator.play(line("walk-passcode"), EVE, "+14155550199", Keypad.scripted("1234#", "0471#"));
        assertClean(admitted, Transcript.Ending.DIAL);
        assertThat(admitted.said()).contains("Passcode please.", "That passcode is wrong.");
        assertThat(admitted.gathers()).extracting(CallStep.Gather::digits).containsExactly("1234", "0471");
        assertThat(admitted.dial()).get().extracting(CallStep.Dial::target).isEqualTo("walk-passcode");

        Transcript refused = simulator.play(line("walk-passcode"), EVE, "+14155550199", Keypad.scripted("1111#", "2222#"));
        assertClean(refused, Transcript.Ending.HANGUP);
        assertThat(refused.said()).contains("Too many tries.");
        assertThat(refused.dial()).isEmpty();

        Transcript silent = simulator.play(line("walk-passcode"), EVE, "+14155550199", Keypad.scripted("", "0471#"));
        assertClean(silent, Transcript.Ending.DIAL);
        assertThat(silent.gathers()).extracting(CallStep.Gather::timedOut).containsExactly(true, false);
    }

    @Test
    void anAllowlistLineJoinsAMemberAndRefusesAStranger() {
        Transcript ada = simulator.play(line("walk-allowlist"), ADA, "+14155550199", Keypad.scripted());
        assertClean(ada, Transcript.Ending.DIAL);
        assertThat(ada.gathers()).isEmpty();

        Transcript eve = simulator.play(line("walk-allowlist"), EVE, "+14155550199", Keypad.scripted());
        assertClean(eve, Transcript.Ending.HANGUP);
        assertThat(eve.said()).contains("Sorry, this line is for members.");
        assertThat(eve.dial()).isEmpty();
    }

    @Test
    void aVerifiedLineSendsACodeAndJoinsTheMemberWhoTypesItAfterAWrongOne() {
        Transcript ada = simulator.play(line("walk-verified"), ADA, "+14155550199",
                typing(() -> wrong(server.lastCode(ADA)) + "#", () -> server.lastCode(ADA) + "#"));

        assertClean(ada, Transcript.Ending.DIAL);
        assertThat(ada.said()).contains("We sent you a code.", "Enter your code.", "That code is wrong.");
        assertThat(server.inbox(ADA)).as("a wrong code does not send another").singleElement()
                .extracting(TestServer.InboxMessage::channel).isEqualTo("sms");
        assertThat(ada.dial()).get().satisfies(dial -> assertThat(dial.nounAttributes())
                .containsEntry("startConferenceOnEnter", "true").containsEntry("endConferenceOnExit", "true"));

        Transcript bob = simulator.play(line("walk-verified"), BOB, "+14155550199",
                typing(() -> server.lastCode("bob@example.org") + "#"));
        assertClean(bob, Transcript.Ending.DIAL);
        assertThat(server.inbox("bob@example.org")).singleElement().extracting(TestServer.InboxMessage::channel)
                .isEqualTo("email");
        assertThat(bob.dial()).get().satisfies(dial -> assertThat(dial.nounAttributes())
                .containsEntry("startConferenceOnEnter", "false").containsEntry("waitUrl", "https://music.example.org/hold"));

        Transcript eve = simulator.play(line("walk-verified"), EVE, "+14155550199", Keypad.scripted());
        assertClean(eve, Transcript.Ending.HANGUP);
        assertThat(server.inbox(EVE)).as("no code for a stranger").isEmpty();
    }

    @Test
    void aVerifiedLineCallsTheCodeToAMemberWhoseCodesGoByCall() {
        Transcript carol = simulator.play(line("walk-verified"), CAROL, "+14155550199",
                typing(() -> server.lastCode(CAROL) + "#"));

        assertClean(carol, Transcript.Ending.DIAL);
        assertThat(carol.said()).contains("We sent you a code.");
        assertThat(server.inbox(CAROL)).singleElement().satisfies(message -> {
            assertThat(message.channel()).isEqualTo("call");
            assertThat(message.code()).matches("\\d{6}");
            assertThat(message.body()).contains("Once again");
        });
    }

    @Test
    void failedCodesFromSeveralCallerIdsReachTheLinesHourlyCapAndThenEvenTheRightCodeIsRefused() {
        // Caller IDs can be spoofed: the cap counts the line's failures, whoever seems to be calling.
        Transcript ann = simulator.play(line("walk-capped"), ANN, "+14155550199",
                typing(() -> wrong(server.lastCode(ANN)) + "#", () -> wrong(server.lastCode(ANN)) + "#", HANG_UP));
        assertClean(ann, Transcript.Ending.CALLER_HANGUP);
        assertThat(ann.said()).containsSubsequence("That code is wrong.", "That code is wrong.");

        Transcript ben = simulator.play(line("walk-capped"), BEN, "+14155550199",
                typing(() -> wrong(server.lastCode(BEN)) + "#", () -> server.lastCode(BEN) + "#"));
        assertClean(ben, Transcript.Ending.HANGUP);
        assertThat(ben.said()).as("the third failure reaches the cap; the right code after it is not checked")
                .containsSubsequence("That code is wrong.", "This line takes no codes now.");
        assertThat(ben.dial()).isEmpty();

        Transcript cid = simulator.play(line("walk-capped"), CID, "+14155550199", Keypad.scripted());
        assertClean(cid, Transcript.Ending.HANGUP);
        assertThat(cid.said()).contains("This line takes no codes now.");
        assertThat(server.inbox(CID)).as("no code is sent while the line is capped").isEmpty();

        clock.advance(Duration.ofHours(1));
        Transcript anHourLater = simulator.play(line("walk-capped"), CID, "+14155550199",
                typing(() -> server.lastCode(CID) + "#"));
        assertClean(anHourLater, Transcript.Ending.DIAL);
    }

    @Test
    void aPinLineKnowsTheModeratorByPinWhateverPhoneTheyCallFrom() {
        Transcript adaFromAHotel = simulator.play(line("walk-pin"), EVE, "+14155550199",
                Keypad.scripted("111111#", "482915#"));
        assertClean(adaFromAHotel, Transcript.Ending.DIAL);
        assertThat(adaFromAHotel.said()).contains("Your PIN.", "That PIN is wrong.");
        assertThat(adaFromAHotel.dial()).get().satisfies(dial -> assertThat(dial.nounAttributes())
                .containsEntry("startConferenceOnEnter", "true").containsEntry("endConferenceOnExit", "true"));

        Transcript bobOnAdasPhone = simulator.play(line("walk-pin"), ADA, "+14155550199", Keypad.scripted("739164#"));
        assertClean(bobOnAdasPhone, Transcript.Ending.DIAL);
        assertThat(bobOnAdasPhone.dial()).get().satisfies(dial -> assertThat(dial.nounAttributes())
                .containsEntry("startConferenceOnEnter", "false"));
    }

    @Test
    void aRedeliveredWebhookSendsNoSecondCodeAndAnUnknownLineIsAnError() {
        Transcript ada = CallSimulator.builder().token(TestCarrier.TOKEN).redeliver(true).build()
                .play(line("walk-verified"), ADA, "+14155550199", typing(() -> server.lastCode(ADA) + "#"));
        assertClean(ada, Transcript.Ending.DIAL);
        assertThat(server.inbox(ADA)).hasSize(1);

        Transcript unknown = simulator.play(line("no-such-line"), ADA, "+14155550199", Keypad.scripted());
        assertThat(unknown.ending()).isEqualTo(Transcript.Ending.APPLICATION_ERROR);
        assertThat(unknown.requests()).singleElement().extracting(CallStep.Request::status).isEqualTo(404);
    }

    @Test
    void theSimulateCommandPlaysARealLineFromTheKeyboard() {
        Console console = new Console("9999#\n0471#\n", Map.of("CALLGATE_VOICE_CARRIERS_TEST_AUTHTOKEN", TestCarrier.TOKEN));

        int status = console.run("simulate", "--url", line("walk-passcode"), "--from", EVE);

        assertThat(status).as(console.out() + console.err()).isZero();
        assertThat(console.out()).contains("Say: \"Passcode please.\"", "Say: \"That passcode is wrong.\"",
                "ended: connected to conference walk-passcode");
    }

    /** A code of the same length that is certainly not the right one. */
    private static String wrong(String code) {
        return code.charAt(0) == '1' ? "2" + code.substring(1) : "1" + code.substring(1);
    }
}
