package io.callgate.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The voice TwiML a carrier accepts: each element with its documented attributes (names as in Twilio's
 * docs and twilio-java's {@code twiml.voice} classes) and the values those attributes take. Anything
 * else is a finding: Twilio rejects an unknown verb with an application error and ignores an unknown
 * attribute with a warning, so a flow relying on either is broken on a real phone.
 */
public final class TwimlVocabulary {

    private static final Set<String> STATUS_CALLBACKS = Set.of("statusCallback", "statusCallbackMethod",
            "statusCallbackEvent");
    private static final Set<String> MACHINE_DETECTION = Set.of("machineDetection", "machineDetectionTimeout",
            "machineDetectionSpeechThreshold", "machineDetectionSpeechEndThreshold",
            "machineDetectionSilenceTimeout", "amdStatusCallback", "amdStatusCallbackMethod");

    /** Verbs that may appear directly under {@code <Response>}, with their attributes. */
    static final Map<String, Set<String>> VERBS = Map.of(
            "Say", Set.of("voice", "language", "loop"),
            "Play", Set.of("loop", "digits"),
            "Pause", Set.of("length"),
            "Gather", Set.of("input", "action", "method", "timeout", "finishOnKey", "numDigits",
                    "actionOnEmptyResult", "language", "speechTimeout", "maxSpeechTime", "hints", "speechModel",
                    "profanityFilter", "partialResultCallback", "partialResultCallbackMethod", "enhanced",
                    "bargeIn", "debug"),
            "Dial", Set.of("action", "method", "timeout", "callerId", "hangupOnStar", "timeLimit", "record",
                    "trim", "recordingStatusCallback", "recordingStatusCallbackMethod",
                    "recordingStatusCallbackEvent", "recordingTrack", "recordingConfigurationId", "answerOnBridge",
                    "ringTone", "referUrl", "referMethod", "sequential", "events"),
            "Redirect", Set.of("method"),
            "Hangup", Set.of(),
            "Reject", Set.of("reason"));

    /** Nouns of {@code <Dial>}; the text of each is its target (conference name, number, client …). */
    static final Map<String, Set<String>> DIAL_NOUNS = Map.of(
            "Conference", Set.of("muted", "beep", "startConferenceOnEnter", "endConferenceOnExit", "waitUrl",
                    "waitMethod", "maxParticipants", "record", "recordingConfigurationId", "region", "coach", "trim",
                    "statusCallbackEvent", "statusCallback", "statusCallbackMethod", "recordingStatusCallback",
                    "recordingStatusCallbackMethod", "recordingStatusCallbackEvent", "eventCallbackUrl",
                    "jitterBufferSize", "participantLabel"),
            "Number", union(Set.of("sendDigits", "url", "method", "byoc"), STATUS_CALLBACKS, MACHINE_DETECTION),
            "Client", union(Set.of("url", "method"), STATUS_CALLBACKS),
            "Sip", union(Set.of("username", "password", "url", "method"), STATUS_CALLBACKS, MACHINE_DETECTION),
            "Queue", Set.of("url", "method", "reservationSid", "postWorkActivitySid"));

    /** What a {@code <Gather>} may hold. */
    static final Set<String> GATHER_CHILDREN = Set.of("Say", "Play", "Pause");

    /** SSML inside {@code <Say>} (Amazon Polly and Google voices). */
    static final Set<String> SSML = Set.of("break", "emphasis", "lang", "p", "phoneme", "prosody", "s", "say-as",
            "sub", "w", "amazon:domain", "amazon:effect");

    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");
    private static final Set<String> BOOLEAN_ATTRIBUTES = Set.of("actionOnEmptyResult", "profanityFilter", "enhanced",
            "bargeIn", "debug", "hangupOnStar", "answerOnBridge", "sequential", "muted", "startConferenceOnEnter",
            "endConferenceOnExit");
    private static final Set<String> INTEGER_ATTRIBUTES = Set.of("loop", "length", "timeout", "numDigits",
            "timeLimit", "maxParticipants", "maxSpeechTime");
    private static final Set<String> METHOD_ATTRIBUTES = Set.of("method", "waitMethod", "statusCallbackMethod",
            "recordingStatusCallbackMethod", "partialResultCallbackMethod", "referMethod", "amdStatusCallbackMethod");

    private TwimlVocabulary() {
    }

    /**
     * Everything in a TwiML document that a carrier would refuse or ignore: the root, each element where it
     * stands, each attribute and its value, stray text. Empty for a clean document.
     */
    public static List<String> problems(Element root) {
        List<String> problems = new ArrayList<>();
        if (!"Response".equals(root.getTagName())) {
            problems.add("the document's root is <" + root.getTagName() + ">, not <Response>");
            return problems;
        }
        if (root.getAttributes().getLength() > 0) {
            problems.add("<Response> takes no attributes");
        }
        strayText(root, problems);
        for (Element verb : children(root)) {
            Set<String> allowed = VERBS.get(verb.getTagName());
            if (allowed == null) {
                problems.add("<" + verb.getTagName() + "> is not a TwiML voice verb this simulator knows;"
                        + " Twilio would fail the call");
                continue;
            }
            check(verb, allowed, problems);
        }
        return problems;
    }

    private static void check(Element element, Set<String> allowed, List<String> problems) {
        String name = element.getTagName();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (!allowed.contains(attribute.getNodeName())) {
                problems.add("<" + name + "> has an attribute TwiML does not document: " + attribute.getNodeName());
                continue;
            }
            String problem = valueProblem(name, attribute.getNodeName(), attribute.getNodeValue());
            if (problem != null) {
                problems.add("<" + name + " " + attribute.getNodeName() + "=\"" + attribute.getNodeValue() + "\">: " + problem);
            }
        }
        switch (name) {
            case "Say" -> descendants(element).stream().filter(e -> !SSML.contains(e.getTagName()))
                    .forEach(e -> problems.add("<Say> holds <" + e.getTagName() + ">, which is not SSML Twilio reads"));
            case "Gather" -> {
                strayText(element, problems);
                for (Element child : children(element)) {
                    if (GATHER_CHILDREN.contains(child.getTagName())) {
                        check(child, VERBS.get(child.getTagName()), problems);
                    } else {
                        problems.add("<Gather> may hold only Say, Play and Pause, not <" + child.getTagName() + ">");
                    }
                }
            }
            case "Dial" -> {
                for (Element noun : children(element)) {
                    Set<String> nounAttributes = DIAL_NOUNS.get(noun.getTagName());
                    if (nounAttributes == null) {
                        problems.add("<Dial> holds <" + noun.getTagName() + ">, which is not a noun Dial takes");
                    } else {
                        check(noun, nounAttributes, problems);
                    }
                }
            }
            default -> children(element).forEach(child ->
                    problems.add("<" + name + "> may not hold <" + child.getTagName() + ">"));
        }
    }

    private static void strayText(Element element, List<String> problems) {
        String text = ownText(element);
        if (!text.isEmpty()) {
            problems.add("<" + element.getTagName() + "> holds stray text: \"" + text + "\"");
        }
    }

    public static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    private static List<Element> descendants(Element parent) {
        List<Element> all = new ArrayList<>();
        for (Element child : children(parent)) {
            all.add(child);
            all.addAll(descendants(child));
        }
        return all;
    }

    /** The element's own text, outside its child elements. */
    static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        return text.toString().strip();
    }

    /** Why {@code value} is not valid for {@code attribute}, or null when it is. */
    static String valueProblem(String element, String attribute, String value) {
        if (BOOLEAN_ATTRIBUTES.contains(attribute) && !value.equals("true") && !value.equals("false")) {
            return "must be true or false";
        }
        if (INTEGER_ATTRIBUTES.contains(attribute) && !INTEGER.matcher(value).matches()) {
            return "must be a whole number";
        }
        if (METHOD_ATTRIBUTES.contains(attribute) && !value.equals("GET") && !value.equals("POST")) {
            return "must be GET or POST";
        }
        return switch (element + "." + attribute) {
            case "Gather.finishOnKey" -> value.matches("[0-9#*]?") ? null : "must be one key of 0-9, # or *, or empty";
            case "Gather.numDigits" -> Integer.parseInt(value) >= 1 ? null : "must be at least 1";
            case "Gather.input" -> List.of("dtmf", "speech", "dtmf speech", "speech dtmf").contains(value)
                    ? null : "must be dtmf, speech or both";
            case "Reject.reason" -> value.equals("rejected") || value.equals("busy") ? null : "must be rejected or busy";
            case "Conference.beep" -> List.of("true", "false", "onEnter", "onExit").contains(value)
                    ? null : "must be true, false, onEnter or onExit";
            case "Conference.maxParticipants" -> {
                int n = Integer.parseInt(value);
                yield n >= 2 && n <= 250 ? null : "must be between 2 and 250";
            }
            default -> null;
        };
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return java.util.Arrays.stream(sets).flatMap(Set::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
