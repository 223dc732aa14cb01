package io.callgate.voice;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The TwiML documents callgate answers carriers with. Only verbs and attributes that Twilio documents (and
 * SignalWire and Telnyx accept) can be written: {@code Say}, {@code Play}, {@code Pause}, {@code Gather},
 * {@code Dial} (to a {@code Conference}, {@code Number}, {@code Sip} or {@code Client}), {@code Redirect}, {@code Hangup}, {@code Reject}. Text and URLs are escaped
 * by a real XML writer, so nothing a caller or an admin types can change the document's structure.
 *
 * <pre>{@code
 * String xml = Twiml.response()
 *         .gather(Twiml.gather().numDigits(6).finishOnKey("#").action("/voice/lines/board")
 *                 .say("Enter your code, then press pound.", Twiml.Voice.DEFAULT))
 *         .say("We did not hear anything. Goodbye.", Twiml.Voice.DEFAULT)
 *         .hangup()
 *         .toXml();
 * }</pre>
 *
 * Instances are not thread-safe; build one per answer.
 */
public final class Twiml {

    /** The media type carriers expect; Twilio also accepts {@code application/xml}. */
    public static final String CONTENT_TYPE = "text/xml;charset=UTF-8";

    /** A {@code Say}'s voice and language; null parts are left to the carrier's defaults (man, en-US). */
    public record Voice(String voice, String language) {

        public static final Voice DEFAULT = new Voice(null, null);
    }

    /** One element: its name, attributes in the order set, text, and nested verbs. */
    private record Element(String name, Map<String, String> attributes, String text, List<Element> children) {

        Element(String name) {
            this(name, new LinkedHashMap<>(), null, new ArrayList<>());
        }

        Element(String name, String text) {
            this(name, new LinkedHashMap<>(), xmlSafe(text), new ArrayList<>());
        }

        Element attr(String attribute, Object value) {
            if (value != null) {
                attributes.put(attribute, xmlSafe(value.toString()));
            }
            return this;
        }

        void write(XMLStreamWriter xml) throws XMLStreamException {
            if (text == null && children.isEmpty()) {
                xml.writeEmptyElement(name);
                writeAttributes(xml);
                return;
            }
            xml.writeStartElement(name);
            writeAttributes(xml);
            if (text != null) {
                xml.writeCharacters(text);
            }
            for (Element child : children) {
                child.write(xml);
            }
            xml.writeEndElement();
        }

        private void writeAttributes(XMLStreamWriter xml) throws XMLStreamException {
            for (var a : attributes.entrySet()) {
                xml.writeAttribute(a.getKey(), a.getValue());
            }
        }
    }

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final Element root = new Element("Response");

    private Twiml() {
    }

    public static Twiml response() {
        return new Twiml();
    }

    public Twiml say(String text, Voice voice) {
        root.children().add(sayElement(text, voice, null));
        return this;
    }

    /** @param loop how many times to say it; 0 repeats until the call moves on */
    public Twiml say(String text, Voice voice, int loop) {
        root.children().add(sayElement(text, voice, loop));
        return this;
    }

    /** Plays an audio file (MP3 or WAV) at a URL. */
    public Twiml play(String url) {
        root.children().add(new Element("Play", requireText(url, "Play URL")));
        return this;
    }

    public Twiml pause(int seconds) {
        root.children().add(pauseElement(seconds));
        return this;
    }

    public Twiml gather(Gather gather) {
        root.children().add(gather.element);
        return this;
    }

    public Twiml dial(Dial dial) {
        root.children().add(dial.element);
        return this;
    }

    /**
     * Connects the caller to a person: {@code <Dial>} with a {@code Number} (E.164), a {@code Sip} URI
     * ({@code sip:…}) or a {@code Client} ({@code client:name}), as the target is written.
     */
    public Twiml dialTo(String target) {
        String to = requireText(target, "Dial target");
        Element noun;
        if (to.startsWith("sip:") || to.startsWith("sips:")) {
            noun = new Element("Sip", to);
        } else if (to.startsWith("client:")) {
            noun = new Element("Client", requireText(to.substring("client:".length()), "client name"));
        } else if (to.matches("\\+[1-9][0-9]{6,14}")) {
            noun = new Element("Number", to);
        } else {
            throw new IllegalArgumentException("a Dial target is an E.164 number, a sip: URI or client:name");
        }
        Element dial = new Element("Dial");
        dial.children().add(noun);
        root.children().add(dial);
        return this;
    }

    /** Moves the call to another URL with a POST of the call's parameters. */
    public Twiml redirect(String url) {
        root.children().add(new Element("Redirect", requireText(url, "Redirect URL")).attr("method", "POST"));
        return this;
    }

    public Twiml hangup() {
        root.children().add(new Element("Hangup"));
        return this;
    }

    /** Refuses an incoming call without answering it; unbilled only as the first verb. */
    public Twiml reject(RejectReason reason) {
        root.children().add(new Element("Reject").attr("reason", reason.wireName));
        return this;
    }

    public enum RejectReason {
        REJECTED("rejected"), BUSY("busy");

        private final String wireName;

        RejectReason(String wireName) {
            this.wireName = wireName;
        }
    }

    public String toXml() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            root.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return toXml();
    }

    public static Gather gather() {
        return new Gather();
    }

    /** {@code <Dial><Conference>name</Conference></Dial>}. */
    public static Dial conference(String name) {
        return new Dial(name);
    }

    /** Key presses (DTMF) collected from the caller, with the prompts said or played while waiting. */
    public static final class Gather {

        private final Element element = new Element("Gather").attr("input", "dtmf");

        private Gather() {
        }

        /** Where the digits are posted; without one the carrier posts to the current document's URL. */
        public Gather action(String url) {
            element.attr("action", url);
            element.attr("method", "POST");
            return this;
        }

        public Gather numDigits(int digits) {
            if (digits < 1) {
                throw new IllegalArgumentException("numDigits must be at least 1");
            }
            element.attr("numDigits", digits);
            return this;
        }

        /** The key that ends input: one of 0-9, # or *, or empty for none. */
        public Gather finishOnKey(String key) {
            if (!key.matches("[0-9#*]?")) {
                throw new IllegalArgumentException("finishOnKey must be one key of 0-9, # or *, or empty");
            }
            element.attr("finishOnKey", key);
            return this;
        }

        /** Seconds of silence after which the carrier stops waiting. */
        public Gather timeout(int seconds) {
            if (seconds < 1) {
                throw new IllegalArgumentException("timeout must be at least 1 second");
            }
            element.attr("timeout", seconds);
            return this;
        }

        /** Whether the action is requested even when the caller pressed nothing (default: fall through). */
        public Gather actionOnEmptyResult(boolean request) {
            element.attr("actionOnEmptyResult", request);
            return this;
        }

        public Gather say(String text, Voice voice) {
            element.children().add(sayElement(text, voice, null));
            return this;
        }

        public Gather play(String url) {
            element.children().add(new Element("Play", requireText(url, "Play URL")));
            return this;
        }

        public Gather pause(int seconds) {
            element.children().add(pauseElement(seconds));
            return this;
        }
    }

    /** A {@code Dial} into a named conference room, with the room's settings on the {@code Conference} noun. */
    public static final class Dial {

        private final Element element = new Element("Dial");
        private final Element conference;

        private Dial(String name) {
            conference = new Element("Conference", requireText(name, "conference name"));
            element.children().add(conference);
        }

        /** Where the carrier posts when the caller leaves the conference. */
        public Dial action(String url) {
            element.attr("action", url);
            element.attr("method", "POST");
            return this;
        }

        /** Whether this caller's arrival starts the conference (false: wait with music until someone who does). */
        public Dial startConferenceOnEnter(boolean start) {
            conference.attr("startConferenceOnEnter", start);
            return this;
        }

        public Dial endConferenceOnExit(boolean end) {
            conference.attr("endConferenceOnExit", end);
            return this;
        }

        public Dial muted(boolean muted) {
            conference.attr("muted", muted);
            return this;
        }

        public Dial beep(Beep beep) {
            conference.attr("beep", beep.wireName);
            return this;
        }

        /** Music or TwiML played while waiting; an empty string plays nothing. */
        public Dial waitUrl(String url, String method) {
            conference.attr("waitUrl", url);
            if (method != null) {
                if (!method.equals("GET") && !method.equals("POST")) {
                    throw new IllegalArgumentException("waitMethod must be GET or POST");
                }
                conference.attr("waitMethod", method);
            }
            return this;
        }

        /** 2 to 250 participants. */
        public Dial maxParticipants(int max) {
            if (max < 2 || max > 250) {
                throw new IllegalArgumentException("maxParticipants must be between 2 and 250");
            }
            conference.attr("maxParticipants", max);
            return this;
        }
    }

    /** When the conference beeps. */
    public enum Beep {
        TRUE("true"), FALSE("false"), ON_ENTER("onEnter"), ON_EXIT("onExit");

        private final String wireName;

        Beep(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Beep fromWireName(String name) {
            for (Beep b : values()) {
                if (b.wireName.equalsIgnoreCase(name)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("beep must be true, false, onEnter or onExit");
        }
    }

    private static Element sayElement(String text, Voice voice, Integer loop) {
        Element say = new Element("Say", requireText(text, "Say text"));
        if (voice != null) {
            say.attr("voice", voice.voice()).attr("language", voice.language());
        }
        if (loop != null) {
            if (loop < 0) {
                throw new IllegalArgumentException("loop must not be negative");
            }
            say.attr("loop", loop);
        }
        return say;
    }

    private static Element pauseElement(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("Pause length must be at least 1 second");
        }
        return new Element("Pause").attr("length", seconds);
    }

    /** Drops characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
    private static String xmlSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF))
                .forEach(safe::appendCodePoint);
        return safe.toString();
    }

    private static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return text;
    }
}
