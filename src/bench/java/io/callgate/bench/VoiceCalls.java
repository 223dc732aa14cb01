package io.callgate.bench;

import io.callgate.dev.CallSimulator;
import io.callgate.dev.CallStep;
import io.callgate.dev.Keypad;
import io.callgate.dev.SimulatedCall;
import io.callgate.dev.Transcript;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Calls played by callgate's own {@link CallSimulator}, as the carrier plays them: realistic parameters, an
 * {@code X-Twilio-Signature} and an {@code I-Twilio-Idempotency-Token} on every webhook, every answer parsed and
 * checked as TwiML. Each webhook is timed as a named step, from the moment the simulator starts building the
 * request until its answer has arrived (before the answer is parsed); the dev inbox read is timed as a step too.
 */
final class VoiceCalls {

    static final String ANSWER = "answer";
    static final String INBOX = "inbox";
    static final String CODE = "code";
    static final String OPEN = "open";
    private static final String DIALLED = "+15550100000";

    private final CallSimulator simulator;
    private final ApiClient api;

    VoiceCalls(CallSimulator simulator, ApiClient api) {
        this.simulator = simulator;
        this.api = api;
    }

    /**
     * A call to a {@code verified} line: the answer webhook sends a code by sms, the caller reads it from the
     * dev inbox, types it and {@code #}, and the code webhook joins the conference. {@code think} (mean; each pause
     * drawn from half to one and a half of it) is the caller's time before dialling and before typing the code.
     */
    String verified(ClosedLoop.Timer timer, BenchLines.Caller caller, Duration think) throws InterruptedException {
        Steps steps = new Steps(timer);
        pause(think);
        steps.begin(ANSWER);
        SimulatedCall call = simulator.dial(caller.lineUrl(), caller.phone(), DIALLED, steps);
        if (call.ended() || call.prompt() == null || !call.transcript().findings().isEmpty()) {
            return ANSWER + " " + outcome(call.transcript());
        }
        String code;
        long start = System.nanoTime();
        try {
            ApiClient.Response inbox = api.get("/dev/inbox?to=" + URLEncoder.encode(caller.phone(), StandardCharsets.UTF_8));
            timer.record(INBOX, start, System.nanoTime());
            code = inbox.status() == 200 ? inbox.field("code") : null;
        } catch (java.io.IOException e) {
            return INBOX + " " + e.getClass().getSimpleName();
        }
        if (code == null) {
            return INBOX + " has no code";
        }
        pause(think);
        steps.begin(CODE);
        call.press(Keypad.Press.keys(code + "#"));
        Transcript done = call.transcript();
        return done.ending() == Transcript.Ending.DIAL && done.findings().isEmpty() ? null : CODE + " " + outcome(done);
    }

    /** A call to an {@code open} line: one webhook, answered with the welcome and the conference. */
    String open(ClosedLoop.Timer timer, String url, String from) {
        Steps steps = new Steps(timer);
        steps.begin(OPEN);
        Transcript call = simulator.play(url, from, DIALLED, Keypad.scripted(), steps);
        return call.ending() == Transcript.Ending.DIAL && call.findings().isEmpty() ? null : OPEN + " " + outcome(call);
    }

    private static void pause(Duration mean) throws InterruptedException {
        if (!mean.isZero()) {
            Thread.sleep(Duration.ofNanos((long) (mean.toNanos() * ThreadLocalRandom.current().nextDouble(0.5, 1.5))));
        }
    }

    /** Why a call did not go as expected, short enough to count by kind. */
    private static String outcome(Transcript call) {
        List<String> findings = call.findings();
        List<String> said = call.said();
        String why = !findings.isEmpty() ? findings.getFirst().replaceAll("CA[0-9a-f]{32}", "CA…")
                : said.isEmpty() ? "" : said.getLast();
        return (call.ending() == null ? "waiting" : call.ending().name()) + ": " + (why.length() > 80 ? why.substring(0, 80) : why);
    }

    /** Records each webhook request of a call under the step it belongs to. */
    private static final class Steps implements Consumer<CallStep> {

        private final ClosedLoop.Timer timer;
        private String step;
        private long start;

        Steps(ClosedLoop.Timer timer) {
            this.timer = timer;
        }

        void begin(String name) {
            step = name;
            start = System.nanoTime();
        }

        @Override
        public void accept(CallStep happened) {
            if (happened instanceof CallStep.Request request) {
                long end = System.nanoTime();
                // Latencies are of answered requests; a failed one ends the call and is counted as its error.
                if (request.status() / 100 == 2) {
                    timer.record(step, start, end);
                }
                start = end;
            }
        }
    }
}
