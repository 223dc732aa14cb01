package io.callgate.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Conference;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import io.callgate.support.TwimlEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator against a TwiML endpoint that checks every signature with twilio-java's validator:
 * what it sends, how it follows a flow, and what it reports as broken.
 */
class CallSimulatorTest {

    private static final String TOKEN = "carrier-token-for-the-simulator";
    private static final String FROM = "+15551234567";
    private static final String TO = "+15557654321";

    private final TwimlEndpoint endpoint = new TwimlEndpoint(TOKEN);
    private final CallSimulator simulator = CallSimulator.builder().token(TOKEN).build();

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void walksSayGatherAndARelativeActionToADialSendingWhatTwilioSends() {
        endpoint.on("/voice/lines/board", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Response>
                  <Say voice="Polly.Joanna" language="en-GB">Welcome to the board line.</Say>
                  <Gather action="board/code" numDigits="8" timeout="7">
                    <Say>Enter your code, then press pound.</Say>
                  </Gather>
                  <Say>We did not get your code. Goodbye.</Say>
                  <Hangup/>
                </Response>""");
        endpoint.on("/voice/lines/board/code", hit -> hit.params().get("Digits").equals("123456")
                ? """
                <Response><Say>Thank you.</Say><Dial timeLimit="3600"><Conference startConferenceOnEnter="false"
                 beep="onEnter" waitUrl="/hold" maxParticipants="12">board</Conference></Dial></Response>"""
                : "<Response><Hangup/></Response>");

        List<CallStep> live = new ArrayList<>();
        Transcript call = simulator.play(endpoint.url("/voice/lines/board"), FROM, TO, Keypad.scripted("123456#"),
                live::add);

        assertThat(call.findings()).isEmpty();
        assertThat(call.ending()).isEqualTo(Transcript.Ending.DIAL);
        assertThat(call.said()).containsExactly("Welcome to the board line.", "Enter your code, then press pound.",
                "Thank you.");
        assertThat(call.says().getFirst()).isEqualTo(new CallStep.Say("Welcome to the board line.", "Polly.Joanna", "en-GB", 1));
        assertThat(call.dial()).hasValueSatisfying(dial -> {
            assertThat(dial.noun()).isEqualTo("Conference");
            assertThat(dial.target()).isEqualTo("board");
            assertThat(dial.nounAttributes()).containsEntry("startConferenceOnEnter", "false")
                    .containsEntry("beep", "onEnter").containsEntry("maxParticipants", "12");
            assertThat(dial.dialAttributes()).containsEntry("timeLimit", "3600");
        });
        assertThat(call.gathers()).singleElement().satisfies(g -> {
            assertThat(g.digits()).isEqualTo("123456");
            assertThat(g.finishedOnKey()).isEqualTo("#");
            assertThat(g.attributes()).containsEntry("timeout", "7");
        });
        assertThat(live).isEqualTo(call.steps());

        List<TwimlEndpoint.Hit> hits = endpoint.hits();
        assertThat(hits).extracting(TwimlEndpoint.Hit::path).containsExactly("/voice/lines/board", "/voice/lines/board/code");
        assertThat(hits).allSatisfy(hit -> {
            assertThat(hit.signed()).as("signature accepted by twilio-java's RequestValidator").isTrue();
            assertThat(hit.method()).isEqualTo("POST");
            assertThat(hit.headers().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(hit.params()).containsEntry("CallSid", call.callSid()).containsEntry("From", FROM)
                    .containsEntry("To", TO).containsEntry("Caller", FROM).containsEntry("Called", TO)
                    .containsEntry("Direction", "inbound").containsEntry("ApiVersion", "2010-04-01");
            assertThat(hit.params().get("AccountSid")).matches("AC[0-9a-f]{32}");
        });
        assertThat(call.callSid()).matches("CA[0-9a-f]{32}");
        assertThat(hits.get(0).params()).containsEntry("CallStatus", "ringing").doesNotContainKey("Digits");
        assertThat(hits.get(1).params()).containsEntry("CallStatus", "in-progress")
                .containsEntry("Digits", "123456").containsEntry("FinishedOnKey", "#");
        assertThat(hits).extracting(h -> h.headers().get("I-Twilio-Idempotency-Token")).doesNotContainNull()
                .doesNotHaveDuplicates();
    }

    @Test
    void aTimeoutFallsThroughToTheNextVerbAndAnAbsoluteGetRedirectIsFollowed() {
        AtomicInteger visits = new AtomicInteger();
        endpoint.on("/ivr", hit -> visits.incrementAndGet() == 1
                ? """
                <Response><Gather action="%s/ivr/account" method="GET" timeout="3"><Say>Account number?</Say></Gather>
                <Say>Sorry, I did not hear anything.</Say><Redirect method="GET">%s/ivr?again=1</Redirect></Response>"""
                .formatted(endpoint.base(), endpoint.base())
                : """
                <Response><Gather action="%s/ivr/account?step=2" method="GET"><Say>Account number?</Say></Gather></Response>"""
                .formatted(endpoint.base()));
        endpoint.on("/ivr/account", "<Response><Say>Goodbye.</Say><Hangup/></Response>");

        Transcript call = simulator.play(endpoint.url("/ivr"), FROM, TO, Keypad.scripted("", "42#"));

        assertThat(call.findings()).isEmpty();
        assertThat(call.ending()).isEqualTo(Transcript.Ending.HANGUP);
        assertThat(call.said()).containsExactly("Account number?", "Sorry, I did not hear anything.", "Account number?",
                "Goodbye.");
        assertThat(call.gathers()).extracting(CallStep.Gather::timedOut).containsExactly(true, false);
        List<TwimlEndpoint.Hit> hits = endpoint.hits();
        assertThat(hits).extracting(TwimlEndpoint.Hit::method).containsExactly("POST", "GET", "GET");
        assertThat(hits).allSatisfy(hit -> assertThat(hit.signed()).isTrue());
        assertThat(hits.get(1).query()).startsWith("again=1&");
        assertThat(hits.get(2).params()).containsEntry("step", "2").containsEntry("Digits", "42");
    }

    @Test
    void withoutAnActionTheKeysGoBackToTheCurrentDocumentAndNumDigitsEndsInput() {
        endpoint.on("/pin", hit -> hit.params().containsKey("Digits")
                ? "<Response><Say>You typed " + hit.params().get("Digits") + " finished by ["
                        + hit.params().get("FinishedOnKey") + "].</Say></Response>"
                : "<Response><Gather numDigits=\"4\" finishOnKey=\"\"><Say>PIN?</Say></Gather></Response>");

        Transcript call = simulator.play(endpoint.url("/pin"), FROM, TO, Keypad.scripted("12#3456"));

        assertThat(call.findings()).isEmpty();
        assertThat(call.said()).containsExactly("PIN?", "You typed 12#3 finished by [].");
        assertThat(call.ending()).isEqualTo(Transcript.Ending.END_OF_DOCUMENT);
    }

    @Test
    void onlyTheFinishKeyCountsAsNoInputUnlessActionOnEmptyResult() {
        endpoint.on("/a", "<Response><Gather action=\"/b\"><Say>Code?</Say></Gather><Reject reason=\"busy\"/></Response>");
        endpoint.on("/c", "<Response><Gather action=\"/b\" actionOnEmptyResult=\"true\"/><Hangup/></Response>");
        endpoint.on("/b", hit -> "<Response><Say>Digits [" + hit.params().get("Digits") + "]</Say></Response>");

        Transcript rejected = simulator.play(endpoint.url("/a"), FROM, TO, Keypad.scripted("#"));
        assertThat(rejected.ending()).isEqualTo(Transcript.Ending.REJECT);
        assertThat(rejected.of(CallStep.Reject.class)).containsExactly(new CallStep.Reject("busy"));

        Transcript posted = simulator.play(endpoint.url("/c"), FROM, TO, Keypad.scripted(""));
        assertThat(posted.said()).containsExactly("Digits []");
        assertThat(posted.findings()).isEmpty();
    }

    @Test
    void aFlowThatRedirectsForEverStopsAtTheLoopGuard() {
        endpoint.on("/spin", "<Response><Pause length=\"1\"/><Redirect>/spin</Redirect></Response>");

        Transcript call = CallSimulator.builder().token(TOKEN).maxRequests(5).build()
                .play(endpoint.url("/spin"), FROM, TO, Keypad.scripted());

        assertThat(call.ending()).isEqualTo(Transcript.Ending.LOOP);
        assertThat(endpoint.hits()).hasSize(5);
        assertThat(call.findings()).singleElement().asString().contains("more than 5 webhook requests");
    }

    @Test
    void aPromptThatNeverEndsIsCaughtByTheLoopGuardToo() {
        endpoint.on("/again", "<Response><Gather><Say>Say something.</Say></Gather><Redirect/></Response>"
                .replace("<Redirect/>", "<Redirect>/again</Redirect>"));

        Transcript call = simulator.play(endpoint.url("/again"), FROM, TO, prompt -> Keypad.Press.silence());

        assertThat(call.ending()).isEqualTo(Transcript.Ending.LOOP);
        assertThat(endpoint.hits()).hasSize(CallSimulator.DEFAULT_MAX_REQUESTS);
    }

    @Test
    void reportsUndocumentedVerbsAttributesAndValues() {
        endpoint.on("/sloppy", """
                <Response>
                  <Say colour="red" loop="twice">Hello<blink>!</blink></Say>
                  <Gather numDigits="0" finishOnKey="##" method="PUT"><Dial>+15550000000</Dial></Gather>
                </Response>""");
        Transcript sloppy = simulator.play(endpoint.url("/sloppy"), FROM, TO, Keypad.scripted(""));
        assertThat(sloppy.findings()).containsExactly(
                "<Say> has an attribute TwiML does not document: colour",
                "<Say loop=\"twice\">: must be a whole number",
                "<Say> holds <blink>, which is not SSML Twilio reads",
                "<Gather finishOnKey=\"##\">: must be one key of 0-9, # or *, or empty",
                "<Gather method=\"PUT\">: must be GET or POST",
                "<Gather numDigits=\"0\">: must be at least 1",
                "<Gather> may hold only Say, Play and Pause, not <Dial>");
        assertThat(sloppy.ending()).isEqualTo(Transcript.Ending.END_OF_DOCUMENT);

        endpoint.on("/unknown", "<Response><Say>Hi</Say><Record/><Say>never</Say></Response>");
        Transcript unknown = simulator.play(endpoint.url("/unknown"), FROM, TO, Keypad.scripted());
        assertThat(unknown.ending()).isEqualTo(Transcript.Ending.APPLICATION_ERROR);
        assertThat(unknown.said()).containsExactly("Hi");
        assertThat(unknown.findings()).singleElement().asString().startsWith("<Record> is not a TwiML voice verb");
    }

    @Test
    void anAnswerThatIsNotTwimlIsAnApplicationError() {
        endpoint.on("/html", "<html><body>Hello</body></html>");
        endpoint.on("/text", "Welcome!");
        endpoint.on("/broken", "<Response><Say>Unclosed</Response>");
        endpoint.on("/entity", "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response><Say>&x;</Say></Response>");

        for (String path : List.of("/html", "/text", "/broken", "/entity", "/missing")) {
            Transcript call = simulator.play(endpoint.url(path), FROM, TO, Keypad.scripted());
            assertThat(call.ending()).as(path).isEqualTo(Transcript.Ending.APPLICATION_ERROR);
            assertThat(call.findings()).as(path).isNotEmpty();
            assertThat(call.said()).as(path).isEmpty();
        }
        assertThat(simulator.play(endpoint.url("/missing"), FROM, TO, Keypad.scripted()).findings())
                .last().asString().startsWith("HTTP 404");
    }

    @Test
    void aWrongTokenIsRefusedByTheOracleAndAnUnsignedCallToo() {
        endpoint.on("/line", "<Response><Say>Hello.</Say></Response>");

        Transcript forged = CallSimulator.builder().token("not-the-carrier-token").build()
                .play(endpoint.url("/line"), FROM, TO, Keypad.scripted());
        Transcript unsigned = CallSimulator.builder().build().play(endpoint.url("/line"), FROM, TO, Keypad.scripted());

        for (Transcript call : List.of(forged, unsigned)) {
            assertThat(call.ending()).isEqualTo(Transcript.Ending.APPLICATION_ERROR);
            assertThat(call.requests()).singleElement().extracting(CallStep.Request::status).isEqualTo(403);
        }
        assertThat(endpoint.hits()).extracting(TwimlEndpoint.Hit::signed).containsExactly(false, false);
        assertThat(endpoint.hits().get(1).headers()).doesNotContainKey("X-Twilio-Signature");
    }

    @Test
    void signsOverThePublicBaseUrlAndFetchesAbsoluteActionsThereFromTheServerItself() {
        String publicBase = "https://callgate.example.org";
        try (TwimlEndpoint proxied = new TwimlEndpoint(TOKEN, publicBase)) {
            proxied.on("/voice/lines/x", "<Response><Gather action=\"" + publicBase
                    + "/voice/lines/x/code\"/></Response>");
            proxied.on("/voice/lines/x/code", "<Response><Hangup/></Response>");

            Transcript call = CallSimulator.builder().token(TOKEN).publicBaseUrl(publicBase + "/").build()
                    .play(proxied.url("/voice/lines/x"), FROM, TO, Keypad.scripted("7#"));

            assertThat(call.findings()).isEmpty();
            assertThat(call.ending()).isEqualTo(Transcript.Ending.HANGUP);
            assertThat(proxied.hits()).extracting(TwimlEndpoint.Hit::signed).containsExactly(true, true);
        }
    }

    @Test
    void aRedeliveryWithTheSameIdempotencyTokenMustGetTheSameAnswer() {
        AtomicInteger counter = new AtomicInteger();
        endpoint.on("/stable", "<Response><Say>Same every time.</Say></Response>");
        endpoint.on("/unstable", hit -> "<Response><Say>Attempt " + counter.incrementAndGet() + "</Say></Response>");
        CallSimulator retrying = CallSimulator.builder().token(TOKEN).redeliver(true).build();

        assertThat(retrying.play(endpoint.url("/stable"), FROM, TO, Keypad.scripted()).findings()).isEmpty();
        assertThat(endpoint.hits()).hasSize(2);
        assertThat(endpoint.hits().get(0).headers().get("I-Twilio-Idempotency-Token"))
                .isEqualTo(endpoint.hits().get(1).headers().get("I-Twilio-Idempotency-Token"));

        assertThat(retrying.play(endpoint.url("/unstable"), FROM, TO, Keypad.scripted()).findings())
                .singleElement().asString().contains("same I-Twilio-Idempotency-Token got another answer");
    }

    @Test
    void theCallerMayHangUpAndAScriptThatRunsOutFailsLoudly() {
        endpoint.on("/ask", "<Response><Gather><Say>Code?</Say></Gather></Response>");

        Transcript hungUp = simulator.play(endpoint.url("/ask"), FROM, TO, prompt -> Keypad.Press.hangingUp());
        assertThat(hungUp.ending()).isEqualTo(Transcript.Ending.CALLER_HANGUP);
        assertThat(hungUp.steps().getLast()).isEqualTo(new CallStep.CallerHangup());

        assertThatThrownBy(() -> simulator.play(endpoint.url("/ask"), FROM, TO, Keypad.scripted()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("script has no more");
        assertThatThrownBy(() -> Keypad.Press.keys("12a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.play("/relative", FROM, TO, Keypad.scripted()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsEveryAttributeTwilioJavaWritesForTheVerbsCallgateUses() {
        VoiceResponse twiml = new VoiceResponse.Builder()
                .say(new Say.Builder("Hello").voice(Say.Voice.POLLY_JOANNA).language(Say.Language.EN_GB).loop(2).build())
                .play(new Play.Builder("https://example.org/hello.mp3").loop(1).build())
                .pause(new Pause.Builder().length(2).build())
                .gather(new Gather.Builder().inputs(Gather.Input.DTMF).action("/next").method(com.twilio.http.HttpMethod.POST)
                        .timeout(5).finishOnKey("#").numDigits(6).actionOnEmptyResult(false).language(Gather.Language.EN_US)
                        .speechTimeout("auto").hints("yes").profanityFilter(true).bargeIn(true).debug(false)
                        .say(new Say.Builder("Code?").build()).build())
                .redirect(new Redirect.Builder("/next").method(com.twilio.http.HttpMethod.POST).build())
                .build();
        VoiceResponse dial = new VoiceResponse.Builder()
                .dial(new Dial.Builder().action("/after").method(com.twilio.http.HttpMethod.POST).timeout(30)
                        .hangupOnStar(true).timeLimit(14400).callerId("+15550001111").answerOnBridge(true)
                        .conference(new Conference.Builder("board").muted(false).beep(Conference.Beep.ONENTER)
                                .startConferenceOnEnter(true).endConferenceOnExit(true).waitUrl("/hold")
                                .waitMethod(com.twilio.http.HttpMethod.GET).maxParticipants(10)
                                .statusCallback("/status").statusCallbackMethod(com.twilio.http.HttpMethod.POST)
                                .statusCallbackEvents(List.of(Conference.Event.START, Conference.Event.JOIN))
                                .participantLabel("moderator").build()).build())
                .build();
        endpoint.on("/all", twiml.toXml());
        endpoint.on("/next", dial.toXml());

        Transcript call = simulator.play(endpoint.url("/all"), FROM, TO, Keypad.scripted(""));

        assertThat(call.findings()).isEmpty();
        assertThat(call.ending()).isEqualTo(Transcript.Ending.DIAL);
        assertThat(call.dial()).get().extracting(CallStep.Dial::target).isEqualTo("board");
        assertThat(call.steps()).extracting(s -> s.getClass().getSimpleName()).containsExactly("Request", "Say", "Play",
                "Pause", "Say", "Gather", "Redirect", "Request", "Dial");
        assertThat(call.of(CallStep.Pause.class)).containsExactly(new CallStep.Pause(2));
        assertThat(call.toString()).contains("Say (Polly.Joanna, en-GB) x2: \"Hello\"", "Dial", "Conference \"board\"");
        assertThat(Map.copyOf(call.gathers().getFirst().attributes())).containsEntry("numDigits", "6");
    }

    @Test
    void acceptsWhatCallgatesOwnTwimlWriterWrites() {
        var voice = new io.callgate.voice.Twiml.Voice("Polly.Joanna", "en-GB");
        endpoint.on("/own", io.callgate.voice.Twiml.response()
                .say("Welcome", voice, 2).play("https://example.org/a.mp3").pause(1)
                .gather(io.callgate.voice.Twiml.gather().action("/own/next").numDigits(8).finishOnKey("#").timeout(10)
                        .actionOnEmptyResult(true).say("Code?", voice).play("https://example.org/b.mp3").pause(1))
                .redirect("/own/next").toXml());
        endpoint.on("/own/next", hit -> !hit.params().getOrDefault("Digits", "").isEmpty()
                ? io.callgate.voice.Twiml.response().dial(io.callgate.voice.Twiml.conference("board").action("/own/after")
                        .startConferenceOnEnter(false).endConferenceOnExit(true).muted(true)
                        .beep(io.callgate.voice.Twiml.Beep.ON_EXIT).waitUrl("https://example.org/hold", "GET")
                        .maxParticipants(12)).toXml()
                : io.callgate.voice.Twiml.response().reject(io.callgate.voice.Twiml.RejectReason.BUSY).toXml());

        Transcript call = simulator.play(endpoint.url("/own"), FROM, TO, Keypad.scripted("1234#"));
        assertThat(call.findings()).isEmpty();
        assertThat(call.dial()).get().satisfies(dial -> {
            assertThat(dial.nounAttributes()).hasSize(7).containsEntry("beep", "onExit");
            assertThat(dial.dialAttributes()).containsEntry("action", "/own/after");
        });

        Transcript silent = simulator.play(endpoint.url("/own"), FROM, TO, Keypad.scripted(""));
        assertThat(silent.findings()).isEmpty();
        assertThat(silent.ending()).isEqualTo(Transcript.Ending.REJECT);
        assertThat(silent.requests().getLast().params()).as("actionOnEmptyResult posts the empty result")
                .containsEntry("Digits", "");
    }
}
