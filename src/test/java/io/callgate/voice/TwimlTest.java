package io.callgate.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callgate.support.TestCarrier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class TwimlTest {

    private static TestCarrier.Answer parse(Twiml twiml) {
        return new TestCarrier.Answer(200, twiml.toXml(), Map.of());
    }

    @Test
    void writesAGatherWithItsPromptAndFallThrough() {
        var voice = new Twiml.Voice("Polly.Joanna", "en-GB");
        var answer = parse(Twiml.response()
                .gather(Twiml.gather().action("https://cg.example/voice/lines/board?step=otp").numDigits(8)
                        .finishOnKey("#").timeout(10).actionOnEmptyResult(true)
                        .say("Enter your code", voice).pause(1))
                .say("Goodbye", voice, 2)
                .hangup());

        assertThat(answer.verbs()).containsExactly("Gather", "Say", "Hangup");
        Element gather = answer.elements("/Response/Gather").getFirst();
        assertThat(gather.getAttribute("input")).isEqualTo("dtmf");
        assertThat(gather.getAttribute("action")).isEqualTo("https://cg.example/voice/lines/board?step=otp");
        assertThat(gather.getAttribute("method")).isEqualTo("POST");
        assertThat(gather.getAttribute("numDigits")).isEqualTo("8");
        assertThat(gather.getAttribute("finishOnKey")).isEqualTo("#");
        assertThat(gather.getAttribute("timeout")).isEqualTo("10");
        assertThat(gather.getAttribute("actionOnEmptyResult")).isEqualTo("true");
        assertThat(answer.xpath("/Response/Gather/Say/@voice")).isEqualTo("Polly.Joanna");
        assertThat(answer.xpath("/Response/Gather/Say/@language")).isEqualTo("en-GB");
        assertThat(answer.xpath("/Response/Gather/Pause/@length")).isEqualTo("1");
        assertThat(answer.xpath("/Response/Say/@loop")).isEqualTo("2");
        assertThat(answer.said()).containsExactly("Enter your code", "Goodbye");
    }

    @Test
    void writesAConferenceDialWithOnlyTheSettingsGiven() {
        var answer = parse(Twiml.response().dial(Twiml.conference("board-room")
                .startConferenceOnEnter(false).endConferenceOnExit(true).muted(true).beep(Twiml.Beep.ON_ENTER)
                .waitUrl("https://music.example/hold.xml", "GET").maxParticipants(12)));

        assertThat(answer.verbs()).containsExactly("Dial");
        Element conference = answer.elements("/Response/Dial/Conference").getFirst();
        assertThat(conference.getTextContent()).isEqualTo("board-room");
        assertThat(conference.getAttribute("startConferenceOnEnter")).isEqualTo("false");
        assertThat(conference.getAttribute("endConferenceOnExit")).isEqualTo("true");
        assertThat(conference.getAttribute("muted")).isEqualTo("true");
        assertThat(conference.getAttribute("beep")).isEqualTo("onEnter");
        assertThat(conference.getAttribute("waitUrl")).isEqualTo("https://music.example/hold.xml");
        assertThat(conference.getAttribute("waitMethod")).isEqualTo("GET");
        assertThat(conference.getAttribute("maxParticipants")).isEqualTo("12");
        assertThat(conference.getAttributes().getLength()).isEqualTo(7);
        assertThat(answer.elements("/Response/Dial").getFirst().getAttributes().getLength()).isZero();
    }

    @Test
    void writesRejectRedirectAndPlay() {
        var answer = parse(Twiml.response().reject(Twiml.RejectReason.BUSY));
        assertThat(answer.xpath("/Response/Reject/@reason")).isEqualTo("busy");

        answer = parse(Twiml.response().play("https://a.example/x.mp3").redirect("https://cg.example/voice/x?a=1&b=2"));
        assertThat(answer.verbs()).containsExactly("Play", "Redirect");
        assertThat(answer.xpath("/Response/Redirect")).isEqualTo("https://cg.example/voice/x?a=1&b=2");
        assertThat(answer.xpath("/Response/Redirect/@method")).isEqualTo("POST");
    }

    @Test
    void textCannotInjectVerbs() {
        String hostile = "Hi</Say><Dial><Number>+19005550000</Number></Dial><Say a=\"'&";
        var answer = parse(Twiml.response().say(hostile, Twiml.Voice.DEFAULT));
        assertThat(answer.verbs()).containsExactly("Say");
        assertThat(answer.said()).containsExactly(hostile);
        assertThat(answer.elements("//Dial")).isEmpty();
    }

    @Test
    void dropsCharactersXmlCannotCarry() {
        var answer = parse(Twiml.response().say("one\u0001two\uFFFEthree", Twiml.Voice.DEFAULT));
        assertThat(answer.said()).containsExactly("onetwothree");
    }

    @Test
    void theDocumentedTwimlCheckCatchesWhatCarriersDoNotKnow() {
        var unknownVerb = new TestCarrier.Answer(200, "<Response><Speak>hi</Speak></Response>", Map.of());
        assertThatThrownBy(unknownVerb::xml).hasMessageContaining("Speak");
        var unknownAttribute = new TestCarrier.Answer(200, "<Response><Say rate=\"2\">hi</Say></Response>", Map.of());
        assertThatThrownBy(unknownAttribute::xml).hasMessageContaining("rate");
        var misplaced = new TestCarrier.Answer(200, "<Response><Gather><Dial>1</Dial></Gather></Response>", Map.of());
        assertThatThrownBy(misplaced::xml).hasMessageContaining("Dial may not stand inside Gather");
    }

    @Test
    void refusesValuesCarriersWouldReject() {
        assertThatThrownBy(() -> Twiml.gather().finishOnKey("##")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Twiml.conference("r").maxParticipants(251)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Twiml.conference(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Twiml.response().say("", Twiml.Voice.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Twiml.conference("r").waitUrl("u", "PUT")).isInstanceOf(IllegalArgumentException.class);
    }
}
