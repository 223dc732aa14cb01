package io.callgate.support;

import java.util.Map;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The TwiML verbs, nouns and attributes Twilio documents (reference/twilio-contract.md §4.1), and where each may
 * stand. A document that uses anything else fails: carriers ignore or reject what they do not know.
 */
public final class DocumentedTwiml {

    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "Response", Set.of(),
            "Say", Set.of("voice", "language", "loop"),
            "Play", Set.of("loop", "digits"),
            "Pause", Set.of("length"),
            "Gather", Set.of("input", "action", "method", "timeout", "finishOnKey", "numDigits", "actionOnEmptyResult",
                    "language", "speechTimeout", "hints", "speechModel"),
            "Dial", Set.of("action", "method", "timeout", "callerId", "hangupOnStar", "timeLimit", "record",
                    "answerOnBridge", "ringTone"),
            "Conference", Set.of("startConferenceOnEnter", "endConferenceOnExit", "muted", "beep", "waitUrl", "waitMethod",
                    "maxParticipants", "statusCallback", "statusCallbackMethod", "statusCallbackEvent", "record", "coach",
                    "participantLabel"),
            "Redirect", Set.of("method"),
            "Hangup", Set.of(),
            "Reject", Set.of("reason"));

    private static final Map<String, Set<String>> CHILDREN = Map.of(
            "Response", Set.of("Say", "Play", "Pause", "Gather", "Dial", "Redirect", "Hangup", "Reject"),
            "Gather", Set.of("Say", "Play", "Pause"),
            "Dial", Set.of("Conference"));

    private DocumentedTwiml() {
    }

    /** Throws AssertionError naming the first undocumented element or attribute. */
    public static void check(Document document) {
        Element root = document.getDocumentElement();
        if (!root.getTagName().equals("Response")) {
            throw new AssertionError("TwiML must have Response at its root, not " + root.getTagName());
        }
        check(root);
    }

    private static void check(Element element) {
        String name = element.getTagName();
        Set<String> attributes = ATTRIBUTES.get(name);
        if (attributes == null) {
            throw new AssertionError("undocumented TwiML element " + name);
        }
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            String attribute = element.getAttributes().item(i).getNodeName();
            if (!attributes.contains(attribute)) {
                throw new AssertionError("undocumented attribute " + attribute + " on " + name);
            }
        }
        Set<String> children = CHILDREN.getOrDefault(name, Set.of());
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                if (!children.contains(e.getTagName())) {
                    throw new AssertionError(e.getTagName() + " may not stand inside " + name);
                }
                check(e);
            } else if (child.getNodeType() == Node.TEXT_NODE && !child.getTextContent().isBlank()
                    && !Set.of("Say", "Play", "Redirect", "Conference").contains(name)) {
                throw new AssertionError(name + " takes no text");
            }
        }
    }
}
