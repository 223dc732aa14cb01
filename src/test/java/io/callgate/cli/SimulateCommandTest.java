package io.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.CallgateApplication;
import io.callgate.support.TwimlEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code callgate simulate} in a terminal, against a TwiML endpoint that checks signatures with twilio-java. */
class SimulateCommandTest {

    private static final String TOKEN = "carrier-token-for-the-cli";

    private final TwimlEndpoint endpoint = new TwimlEndpoint(TOKEN);

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private void codeLine() {
        endpoint.on("/voice/lines/board", """
                <Response><Say>Welcome to the board line.</Say>
                <Gather action="/voice/lines/board/code"><Say>Enter your code, then press pound.</Say></Gather>
                <Say>Goodbye.</Say><Hangup/></Response>""");
        endpoint.on("/voice/lines/board/code", hit -> "42".equals(hit.params().get("Digits"))
                ? "<Response><Dial><Conference beep=\"false\">board</Conference></Dial></Response>"
                : "<Response><Say>Wrong code.</Say><Redirect>/voice/lines/board</Redirect></Response>");
    }

    @Test
    void playsACallInteractivelyReadingKeysFromStandardInput() {
        codeLine();
        Console console = new Console("12x\n7#\n42#\n", Map.of());

        int status = console.run("simulate", "--url", endpoint.url("/voice/lines/board"), "--from", "+15551234567",
                "--token", TOKEN);

        String out = console.out();
        assertThat(status).as(out + console.err()).isZero();
        assertThat(out).contains("Calling " + endpoint.url("/voice/lines/board") + " from +15551234567 to +15550100000",
                "Say: \"Welcome to the board line.\"", "Say: \"Enter your code, then press pound.\"",
                "a phone keypad has only 0-9, * and #", "): pressed 7#", "Say: \"Wrong code.\"",
                "Redirect POST " + endpoint.url("/voice/lines/board"), "): pressed 42#",
                "Dial Conference \"board\" (beep=false)", "ended: connected to conference board");
        assertThat(endpoint.hits()).hasSize(4).allSatisfy(hit -> assertThat(hit.signed()).isTrue());
        assertThat(endpoint.hits()).extracting(h -> h.params().get("Digits")).containsExactly(null, "7", null, "42");
    }

    @Test
    void scriptedKeysComeFirstAndTheEndOfInputHangsUp() {
        codeLine();
        Console console = new Console("", Map.of("CALLGATE_VOICE_CARRIERS_TWILIO_AUTHTOKEN", TOKEN));

        int status = console.run("simulate", "--url", endpoint.url("/voice/lines/board"), "--from", "+15551234567",
                "--to", "+15557654321", "--press", "", "--account-sid", "AC0123456789abcdef0123456789abcdef");

        assertThat(status).as(console.out() + console.err()).isZero();
        assertThat(console.out()).contains("): no input, timed out", "Say: \"Goodbye.\"", "ended: the line hung up");
        assertThat(endpoint.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.signed()).isTrue();
            assertThat(hit.params()).containsEntry("To", "+15557654321")
                    .containsEntry("AccountSid", "AC0123456789abcdef0123456789abcdef");
        });

        Console hangUp = new Console("", Map.of());
        assertThat(hangUp.run("simulate", "--url", endpoint.url("/voice/lines/board"), "--from", "+1555",
                "--token", TOKEN)).isZero();
        assertThat(hangUp.out()).contains("Caller hangs up", "ended: you hung up");
    }

    @Test
    void picksTheCarrierTokenFromTheServersVariablesAndFailsOnARefusedOrBrokenCall() {
        endpoint.on("/voice/lines/x", "<Response><Say>Hi</Say><Record/></Response>");
        Map<String, String> twoCarriers = Map.of("CALLGATE_VOICE_CARRIERS_TWILIO_AUTHTOKEN", TOKEN,
                "CALLGATE_VOICE_CARRIERS_SIGNALWIRE_AUTHTOKEN", "another-token");

        Console broken = new Console("", twoCarriers);
        assertThat(broken.run("simulate", "--url", endpoint.url("/voice/lines/x"), "--from", "+15551234567",
                "--carrier", "twilio")).isEqualTo(1);
        assertThat(broken.out()).contains("FINDING: <Record> is not a TwiML voice verb", "1 finding(s)");
        assertThat(endpoint.hits()).singleElement().satisfies(hit -> assertThat(hit.signed()).isTrue());

        Console ambiguous = new Console("", twoCarriers);
        assertThat(ambiguous.run("simulate", "--url", endpoint.url("/voice/lines/x"), "--from", "+15551234567"))
                .isEqualTo(1);
        assertThat(ambiguous.err()).contains("several carriers are configured here (SIGNALWIRE, TWILIO)");

        Console unsigned = new Console("", Map.of());
        assertThat(unsigned.run("simulate", "--url", endpoint.url("/voice/lines/x"), "--from", "+15551234567",
                "--unsigned")).isEqualTo(1);
        assertThat(unsigned.out()).contains("[403]", "HTTP 403");

        Console noToken = new Console("", Map.of("CALLGATE_AUTH_TOKEN", TOKEN));
        assertThat(noToken.run("simulate", "--url", endpoint.url("/voice/lines/x"), "--from", "+15551234567"))
                .isEqualTo(1);
        assertThat(noToken.err()).contains("error: give --token");

        Console usage = new Console("", Map.of());
        assertThat(usage.run("simulate", "--from", "+15551234567")).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required option: '--url=URL'");
    }

    @Test
    void argumentsForTheServerStartItAndCommandsDoNot() {
        assertThat(CallgateCommand.isCommand(new String[0])).isFalse();
        assertThat(CallgateCommand.isCommand(new String[] {"--server.port=9090"})).isFalse();
        assertThat(CallgateCommand.isCommand(new String[] {"--spring.profiles.active=dev"})).isFalse();
        for (String command : List.of("simulate", "admin", "help", "--help", "-h", "--version", "-V")) {
            assertThat(CallgateCommand.isCommand(new String[] {command, "x"})).as(command).isTrue();
        }
        Console help = new Console("", Map.of());
        assertThat(help.run("--help")).isZero();
        assertThat(help.out()).contains("simulate", "admin", "Without a command");
        Console admin = new Console("", Map.of());
        assertThat(admin.run("admin", "--help")).isZero();
        assertThat(admin.out()).contains("lines", "accounts");
    }

    /** The real entry point, in a JVM of its own: a command answers quickly and no Spring context starts. */
    @Test
    void theJarsMainRunsACommandWithoutStartingTheServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                CallgateApplication.class.getName(), "admin", "lines", "list", "--server", "http://127.0.0.1:9",
                "--account-sid", "AC00000000000000000000000000000001", "--auth-token", "t"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("error: cannot reach callgate at http://127.0.0.1:9")
                .doesNotContain("Spring", "Tomcat", "Started CallgateApplication");
    }
}
