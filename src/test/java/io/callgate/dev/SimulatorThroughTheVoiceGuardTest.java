package io.callgate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.TestCarrier;
import io.callgate.voice.Twiml;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulator through callgate's own guard of /voice: its signatures pass behind a public base URL, and a
 * redelivered request gets the stored answer without running the flow again.
 */
@CallgateTest
@TestPropertySource(properties = "callgate.public-base-url=" + SimulatorThroughTheVoiceGuardTest.PUBLIC_BASE)
@Import(SimulatorThroughTheVoiceGuardTest.Flow.class)
class SimulatorThroughTheVoiceGuardTest {

    static final String PUBLIC_BASE = "https://callgate.example.org";

    @TestConfiguration(proxyBeanMethods = false)
    @RestController
    static class Flow {

        final List<String> runs = new CopyOnWriteArrayList<>();

        @PostMapping(path = "/voice/sim-test", produces = Twiml.CONTENT_TYPE)
        String start(@RequestParam("CallSid") String callSid) {
            runs.add(callSid + " start");
            return Twiml.response().gather(Twiml.gather().action(PUBLIC_BASE + "/voice/sim-test/pin").numDigits(4)
                    .say("Your PIN?", Twiml.Voice.DEFAULT)).say("Goodbye.", Twiml.Voice.DEFAULT).hangup().toXml();
        }

        @PostMapping(path = "/voice/sim-test/pin", produces = Twiml.CONTENT_TYPE)
        String pin(@RequestParam("CallSid") String callSid, @RequestParam("Digits") String digits) {
            runs.add(callSid + " pin " + digits);
            return Twiml.response().dial(Twiml.conference("sim-room")).toXml();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Flow flow;

    @Test
    void passesTheGuardAndARedeliveryRunsTheFlowOnce() {
        CallSimulator simulator = CallSimulator.builder().token(TestCarrier.TOKEN).publicBaseUrl(PUBLIC_BASE)
                .redeliver(true).build();

        Transcript call = simulator.play("http://127.0.0.1:" + port + "/voice/sim-test", "+15551234567", "+15550100000",
                Keypad.scripted("4321"));

        assertThat(call.findings()).as(call.toString()).isEmpty();
        assertThat(call.ending()).isEqualTo(Transcript.Ending.DIAL);
        assertThat(call.requests()).extracting(CallStep.Request::url).containsExactly(
                "http://127.0.0.1:" + port + "/voice/sim-test", "http://127.0.0.1:" + port + "/voice/sim-test/pin");
        assertThat(flow.runs).containsExactly(call.callSid() + " start", call.callSid() + " pin 4321");
    }

    @Test
    void withoutThePublicBaseOrTheRightTokenTheGuardRefuses() {
        String url = "http://127.0.0.1:" + port + "/voice/sim-test";
        Transcript wrongUrl = CallSimulator.builder().token(TestCarrier.TOKEN).build()
                .play(url, "+15551234567", "+15550100000", Keypad.scripted());
        Transcript wrongToken = CallSimulator.builder().token("not-the-carrier-token").publicBaseUrl(PUBLIC_BASE).build()
                .play(url, "+15551234567", "+15550100000", Keypad.scripted());

        for (Transcript call : List.of(wrongUrl, wrongToken)) {
            assertThat(call.ending()).isEqualTo(Transcript.Ending.APPLICATION_ERROR);
            assertThat(call.requests()).singleElement().extracting(CallStep.Request::status).isEqualTo(403);
            assertThat(flow.runs).noneMatch(run -> run.startsWith(call.callSid()));
        }
    }
}
