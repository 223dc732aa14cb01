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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The IVR walked through the simulator, with the accounts managed by {@code callgate admin accounts}: login
 * and menu, the same answer for an unknown account and a wrong PIN, and input a keypad can send but the
 * IVR must not take.
 */
@CallgateTest
class IvrWalksTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    MutableClock clock;

    @TempDir
    Path dir;

    TestServer server;
    CallSimulator simulator;
    Map<String, String> credentials;

    @DynamicPropertySource
    static void ivr(DynamicPropertyRegistry registry) {
        String line = "callgate.voice.ivr.walk.";
        registry.add(line + "prompts.welcome", () -> "Welcome to the walk bank.");
        registry.add(line + "menu[2].label", () -> "For payments, press 2.");
        registry.add(line + "menu[2].text", () -> "Payments are made on the first of the month.");
        registry.add(line + "menu[9].label", () -> "To end the call, press 9.");
        registry.add(line + "menu[9].exit", () -> "true");
    }

    @BeforeEach
    void accounts() throws IOException {
        db.sql("delete from limit_event").update();
        db.sql("delete from directory_account").update();
        server = new TestServer(port);
        simulator = CallSimulator.builder().token(TestCarrier.TOKEN).build();
        credentials = Map.of("CALLGATE_ACCOUNT_SID", TestServer.ACCOUNT_SID, "CALLGATE_AUTH_TOKEN", TestServer.AUTH_TOKEN);
        Path csv = Files.writeString(dir.resolve("accounts.csv"),
                "account,name,pin,phone,email\n1234567,Ada Lovelace,480213,+442079460958,ada@example.org\n");
        Console imported = new Console("", credentials);
        assertThat(imported.run("admin", "accounts", "import", csv.toString(), "--server", server.base()))
                .as(imported.err()).isZero();
    }

    private String ivr() {
        return server.base() + "/voice/ivr/walk";
    }

    @Test
    void theAdminCommandsManageAccountsWithoutEverShowingAPin() throws IOException {
        Path bob = Files.writeString(dir.resolve("bob.json"),
                "{\"account_number\":\"7654321\",\"display_name\":\"Bob\",\"pin\":\"731946\"}");
        Console create = new Console("", credentials);
        assertThat(create.run("admin", "accounts", "create", bob.toString(), "--server", server.base()))
                .as(create.err()).isZero();
        Console list = new Console("", credentials);
        assertThat(list.run("admin", "accounts", "list", "--server", server.base())).isZero();
        assertThat(list.out()).contains("1234567", "Ada Lovelace", "7654321").doesNotContain("480213", "731946");
        Console delete = new Console("", credentials);
        assertThat(delete.run("admin", "accounts", "delete", "7654321", "--server", server.base())).isZero();
        Console gone = new Console("", credentials);
        assertThat(gone.run("admin", "accounts", "get", "7654321", "--server", server.base())).isEqualTo(1);
        assertThat(gone.err()).contains("HTTP 404");
    }

    @Test
    void aCallerLogsInIsGreetedByNameAndUsesTheMenu() {
        Transcript call = simulator.play(ivr(), "+15005550006", "+15550100000",
                Keypad.scripted("1234567#", "480213#", "7", "2", "9"));

        assertThat(call.findings()).as(call.toString()).isEmpty();
        assertThat(call.ending()).as(call.toString()).isEqualTo(Transcript.Ending.HANGUP);
        assertThat(call.said()).startsWith("Welcome to the walk bank.").contains("Welcome, Ada Lovelace.",
                "For payments, press 2.", "Payments are made on the first of the month.");
        assertThat(call.said().stream().filter("For payments, press 2."::equals)).as("the menu repeats after 7 and 2")
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(call.toString()).doesNotContain("480213\"");
    }

    @Test
    void anUnknownAccountAndAWrongPinHearTheSameWords() {
        Transcript unknown = simulator.play(ivr(), "+15005550007", "+15550100000",
                Keypad.scripted("7777777#", "480213#", "7777777#", "480213#", "7777777#", "480213#"));
        Transcript wrong = simulator.play(ivr(), "+15005550008", "+15550100000",
                Keypad.scripted("1234567#", "913572#", "1234567#", "913572#", "1234567#", "913572#"));

        IvrRefusals.assertRefusedAlike(unknown, wrong, "Welcome, Ada Lovelace.");
    }

    @Test
    void tenFailedPinsLockTheAccountForThirtyMinutesAndTheRightPinMeanwhileHearsWhatAWrongOneHears() {
        // One wrong PIN a call, each from another number: the lockout is the account's, not the caller's.
        List<Transcript> failed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            failed.add(simulator.play(ivr(), "+1500555" + (2000 + i), "+15550100000",
                    pressingThenHangingUp("1234567#", "913572#")));
        }
        Transcript wrong = failed.getFirst();
        assertThat(failed).allSatisfy(call -> assertThat(call.said()).isEqualTo(wrong.said()));

        Transcript locked = simulator.play(ivr(), "+15005553000", "+15550100000", pressingThenHangingUp("1234567#", "480213#"));
        assertThat(locked.findings()).as(locked.toString()).isEmpty();
        assertThat(locked.said()).doesNotContain("Welcome, Ada Lovelace.").isEqualTo(wrong.said());
        assertThat(locked.of(CallStep.Pause.class)).isEqualTo(wrong.of(CallStep.Pause.class));

        clock.advance(Duration.ofMinutes(29));
        Transcript stillLocked = simulator.play(ivr(), "+15005553000", "+15550100000",
                pressingThenHangingUp("1234567#", "480213#"));
        assertThat(stillLocked.said()).isEqualTo(wrong.said());

        clock.advance(Duration.ofMinutes(1));
        Transcript unlocked = simulator.play(ivr(), "+15005553000", "+15550100000",
                Keypad.scripted("1234567#", "480213#", "9"));
        assertThat(unlocked.findings()).as(unlocked.toString()).isEmpty();
        assertThat(unlocked.said()).contains("Welcome, Ada Lovelace.");
        assertThat(unlocked.ending()).isEqualTo(Transcript.Ending.HANGUP);
    }

    @Test
    void tooManyDigitsOrSilenceAreAnnouncedAndAskedAgain() {
        Transcript call = simulator.play(ivr(), "+15005550009", "+15550100000",
                Keypad.scripted("123456789012#", "", "1234567#", "480213#", "9"));

        assertThat(call.findings()).as(call.toString()).isEmpty();
        assertThat(call.said()).contains("Welcome, Ada Lovelace.");
        assertThat(call.ending()).isEqualTo(Transcript.Ending.HANGUP);
    }

    /** Presses these keys at successive prompts, then hangs up at the next one. */
    private static Keypad pressingThenHangingUp(String... presses) {
        Deque<String> queue = new ArrayDeque<>(Arrays.asList(presses));
        return prompt -> queue.isEmpty() ? Keypad.Press.hangingUp() : Keypad.Press.keys(queue.removeFirst());
    }
}
