package io.callgate.delivery.twilio;

import io.callgate.delivery.MessageText;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The TwiML of a code call, written with an XML writer so that any text (a service name, a prompt) is escaped.
 * Only verbs that Twilio and SignalWire's cXML share are used, and a {@code <Gather>} always names its action
 * (SignalWire would otherwise request the previous document again).
 *
 * @param language the {@code <Say>} language, e.g. {@code en} or {@code pt-BR}
 * @param voice the {@code <Say>} voice; empty for the carrier's default
 */
record CallScript(String language, String voice) {

    /** Seconds a call waits for the key press after the prompt. */
    static final int KEYPRESS_TIMEOUT_SECONDS = 8;

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    /** Reads the text (which spells the code twice and says goodbye) after a breath, then hangs up. */
    String reading(String text) {
        return document(w -> {
            w.writeEmptyElement("Pause");
            w.writeAttribute("length", "1");
            say(w, text);
            w.writeEmptyElement("Hangup");
        });
    }

    /**
     * Says the prompt and waits for one key; a key posts to {@code action}, which answers with the code. Without a
     * key the call says goodbye and hangs up, so an answering machine never hears the code.
     */
    String awaitingKeypress(String prompt, String action) {
        return document(w -> {
            w.writeStartElement("Gather");
            w.writeAttribute("input", "dtmf");
            w.writeAttribute("numDigits", "1");
            w.writeAttribute("timeout", Integer.toString(KEYPRESS_TIMEOUT_SECONDS));
            w.writeAttribute("action", action);
            w.writeAttribute("method", "POST");
            say(w, prompt);
            w.writeEndElement();
            say(w, MessageText.goodbye());
            w.writeEmptyElement("Hangup");
        });
    }

    /** Says goodbye and hangs up: no key, or no code to read any more. */
    String goodbye() {
        return document(w -> {
            say(w, MessageText.goodbye());
            w.writeEmptyElement("Hangup");
        });
    }

    private void say(XMLStreamWriter w, String text) throws XMLStreamException {
        w.writeStartElement("Say");
        if (!voice.isEmpty()) {
            w.writeAttribute("voice", voice);
        }
        w.writeAttribute("language", language);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private interface Verbs {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String document(Verbs verbs) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Response");
            verbs.write(w);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "CallScript[" + language + "]";
    }
}
