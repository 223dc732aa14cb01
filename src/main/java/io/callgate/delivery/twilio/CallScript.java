package io.callgate.delivery.twilio;

import io.callgate.delivery.MessageText;
import io.callgate.voice.Twiml;

/**
 * The TwiML of a code call, written by callgate's one TwiML writer so that any text (a service name, a prompt)
 * is escaped. Only verbs that Twilio and SignalWire's cXML share are used, and a {@code <Gather>} always names
 * its action (SignalWire would otherwise request the previous document again).
 *
 * @param language the {@code <Say>} language, e.g. {@code en} or {@code pt-BR}
 * @param voice the {@code <Say>} voice; empty for the carrier's default
 */
record CallScript(String language, String voice) {

    /** Seconds a call waits for the key press after the prompt. */
    static final int KEYPRESS_TIMEOUT_SECONDS = 8;

    private Twiml.Voice sayAs() {
        return new Twiml.Voice(voice.isEmpty() ? null : voice, language);
    }

    /** Reads the text (which spells the code twice and says goodbye) after a breath, then hangs up. */
    String reading(String text) {
        return Twiml.response().pause(1).say(text, sayAs()).hangup().toXml();
    }

    /**
     * Says the prompt and waits for one key; a key posts to {@code action}, which answers with the code. Without a
     * key the call says goodbye and hangs up, so an answering machine never hears the code.
     */
    String awaitingKeypress(String prompt, String action) {
        return Twiml.response()
                .gather(Twiml.gather().numDigits(1).timeout(KEYPRESS_TIMEOUT_SECONDS).action(action).say(prompt, sayAs()))
                .say(MessageText.goodbye(), sayAs())
                .hangup()
                .toXml();
    }

    /** Says goodbye and hangs up: no key, or no code to read any more. */
    String goodbye() {
        return Twiml.response().say(MessageText.goodbye(), sayAs()).hangup().toXml();
    }

    @Override
    public String toString() {
        return "CallScript[" + language + "]";
    }
}
