package io.callgate.dev;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One call in progress, played the way a TwiML carrier plays it: fetch a document, run its verbs in
 * order, and at a {@code <Gather>} wait for the caller's keys. It stops before each prompt, so a
 * person (the CLI, the {@code /dev/call} page) or a script can answer one prompt at a time.
 */
public final class SimulatedCall {

    private final CallSimulator simulator;
    private final String callSid;
    private final String from;
    private final String to;
    private final Consumer<CallStep> listener;
    private final List<CallStep> steps = new ArrayList<>();
    private final Deque<Element> pending = new ArrayDeque<>();
    private URI called;
    private URI document;
    private Element waiting;
    private Transcript.Ending ending;
    private int requests;

    SimulatedCall(CallSimulator simulator, String callSid, String from, String to, Consumer<CallStep> listener) {
        this.simulator = simulator;
        this.callSid = callSid;
        this.from = from;
        this.to = to;
        this.listener = listener;
    }

    void begin(URI url) {
        called = url;
        fetch(url, "POST", Map.of());
        run();
    }

    public String callSid() {
        return callSid;
    }

    public boolean ended() {
        return ending != null;
    }

    /** The attributes of the {@code <Gather>} waiting for keys; null when none waits. */
    public Map<String, String> prompt() {
        return waiting == null ? null : attributes(waiting);
    }

    public Transcript transcript() {
        return new Transcript(callSid, steps, ending);
    }

    /** Answers the waiting prompt and plays on until the next prompt or the end of the call. */
    public void press(Keypad.Press press) {
        if (waiting == null) {
            throw new IllegalStateException("no prompt is waiting for keys");
        }
        Element gather = waiting;
        waiting = null;
        if (press.hangsUp()) {
            add(new CallStep.CallerHangup());
            ending = Transcript.Ending.CALLER_HANGUP;
            return;
        }
        String finishOnKey = gather.hasAttribute("finishOnKey") ? gather.getAttribute("finishOnKey") : "#";
        int numDigits = intAttribute(gather, "numDigits", Integer.MAX_VALUE);
        StringBuilder digits = new StringBuilder();
        String finishedOnKey = "";
        for (char key : press.keys().toCharArray()) {
            if (finishOnKey.equals(String.valueOf(key))) {
                finishedOnKey = finishOnKey;
                break;
            }
            digits.append(key);
            if (digits.length() >= numDigits) {
                break;
            }
        }
        Map<String, String> attributes = attributes(gather);
        if (digits.isEmpty()) {
            // Nothing entered (or only the finish key): Twilio falls through to the next verb.
            add(new CallStep.Gather(attributes, "", finishedOnKey, true));
            if ("true".equals(gather.getAttribute("actionOnEmptyResult"))) {
                fetch(action(gather), method(gather), Map.of("Digits", "", "FinishedOnKey", finishedOnKey));
            }
        } else {
            add(new CallStep.Gather(attributes, digits.toString(), finishedOnKey, false));
            fetch(action(gather), method(gather), Map.of("Digits", digits.toString(), "FinishedOnKey", finishedOnKey));
        }
        run();
    }

    /** Runs verbs until a prompt waits for keys or the call ends. */
    private void run() {
        while (ending == null && waiting == null) {
            Element verb = pending.pollFirst();
            if (verb == null) {
                ending = Transcript.Ending.END_OF_DOCUMENT;
                return;
            }
            execute(verb);
        }
    }

    private void execute(Element verb) {
        String name = verb.getTagName();
        if (!TwimlVocabulary.VERBS.containsKey(name)) {
            // Reported with the document's other problems; a carrier fails the call here.
            ending = Transcript.Ending.APPLICATION_ERROR;
            return;
        }
        switch (name) {
            case "Say", "Play", "Pause" -> speak(verb);
            case "Gather" -> {
                TwimlVocabulary.children(verb).stream()
                        .filter(child -> TwimlVocabulary.GATHER_CHILDREN.contains(child.getTagName()))
                        .forEach(this::speak);
                waiting = verb;
            }
            case "Redirect" -> {
                String target = verb.getTextContent().strip();
                if (target.isEmpty()) {
                    fail("<Redirect> has no URL");
                    return;
                }
                URI url = resolve(target);
                if (url == null) {
                    return;
                }
                add(new CallStep.Redirect(url.toString(), method(verb)));
                fetch(url, method(verb), Map.of());
            }
            case "Dial" -> dial(verb);
            case "Hangup" -> {
                add(new CallStep.Hangup());
                ending = Transcript.Ending.HANGUP;
            }
            case "Reject" -> {
                add(new CallStep.Reject(verb.hasAttribute("reason") ? verb.getAttribute("reason") : "rejected"));
                ending = Transcript.Ending.REJECT;
            }
            default -> throw new IllegalStateException("verb without simulation: " + name);
        }
    }

    private void speak(Element verb) {
        switch (verb.getTagName()) {
            case "Say" -> {
                String text = verb.getTextContent().strip().replaceAll("\\s+", " ");
                if (text.isEmpty()) {
                    finding("<Say> has nothing to say");
                }
                add(new CallStep.Say(text, attributeOrNull(verb, "voice"), attributeOrNull(verb, "language"),
                        intAttribute(verb, "loop", 1)));
            }
            case "Play" -> {
                String url = verb.getTextContent().strip();
                if (url.isEmpty() && !verb.hasAttribute("digits")) {
                    finding("<Play> has neither a URL nor digits");
                }
                add(new CallStep.Play(url, attributeOrNull(verb, "digits"), intAttribute(verb, "loop", 1)));
            }
            case "Pause" -> {
                add(new CallStep.Pause(intAttribute(verb, "length", 1)));
            }
            default -> throw new IllegalStateException(verb.getTagName());
        }
    }

    private void dial(Element verb) {
        List<Element> nouns = TwimlVocabulary.children(verb);
        String text = TwimlVocabulary.ownText(verb);
        if (nouns.isEmpty() && text.isEmpty()) {
            fail("<Dial> has nothing to dial");
            return;
        }
        boolean dialled = false;
        if (nouns.isEmpty()) {
            add(new CallStep.Dial("Number", text, Map.of(), attributes(verb)));
            dialled = true;
        }
        for (Element noun : nouns) {
            if (!TwimlVocabulary.DIAL_NOUNS.containsKey(noun.getTagName())) {
                continue;
            }
            String target = noun.getTextContent().strip();
            if (target.isEmpty()) {
                finding("<" + noun.getTagName() + "> inside <Dial> has no name or address");
            }
            add(new CallStep.Dial(noun.getTagName(), target, attributes(noun), attributes(verb)));
            dialled = true;
        }
        ending = dialled ? Transcript.Ending.DIAL : Transcript.Ending.APPLICATION_ERROR;
    }

    /** One webhook request; its answer replaces whatever was left of the current document. */
    private void fetch(URI url, String method, Map<String, String> extra) {
        pending.clear();
        if (++requests > simulator.maxRequests()) {
            finding("more than " + simulator.maxRequests() + " webhook requests in one call: the flow loops");
            ending = Transcript.Ending.LOOP;
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", callSid);
        params.put("AccountSid", simulator.accountSid());
        params.put("From", from);
        params.put("To", to);
        params.put("Caller", from);
        params.put("Called", to);
        params.put("CallStatus", requests == 1 ? "ringing" : "in-progress");
        params.put("Direction", "inbound");
        params.put("ApiVersion", "2010-04-01");
        params.putAll(extra);

        String form = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        URI target = "GET".equals(method)
                ? URI.create(url + (url.getRawQuery() == null ? "?" : "&") + form) : url;
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(simulator.requestTimeout())
                .header("User-Agent", "TwilioProxy/1.1 (callgate call simulator)")
                .header("Accept", "*/*")
                .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString());
        if ("GET".equals(method)) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        }
        String signature = simulator.sign(target, "GET".equals(method) ? Map.of() : params);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }

        HttpResponse<byte[]> response;
        try {
            HttpRequest built = request.build();
            response = simulator.send(built);
            if (simulator.redeliver()) {
                HttpResponse<byte[]> again = simulator.send(built);
                if (again.statusCode() != response.statusCode()
                        || !java.util.Arrays.equals(again.body(), response.body())) {
                    finding("a repeated delivery with the same I-Twilio-Idempotency-Token got another answer ("
                            + again.statusCode() + " instead of " + response.statusCode() + ")");
                }
            }
        } catch (IOException e) {
            add(new CallStep.Request(method, url.toString(), params, 0));
            fail("no answer from " + url + ": " + e);
            return;
        }
        add(new CallStep.Request(method, url.toString(), params, response.statusCode()));
        if (response.statusCode() / 100 != 2) {
            fail("HTTP " + response.statusCode() + " from " + url + "; Twilio would say \"an application error has occurred\"");
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.contains("xml")) {
            finding("the answer's Content-Type is \"" + type + "\", not text/xml or application/xml");
        }
        Element root = parse(response.body());
        if (root == null) {
            return;
        }
        document = url;
        TwimlVocabulary.problems(root).forEach(this::finding);
        pending.addAll(TwimlVocabulary.children(root));
    }

    private Element parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document xml = builder.parse(new ByteArrayInputStream(body));
            Element root = xml.getDocumentElement();
            if (!"Response".equals(root.getTagName())) {
                fail("the document's root is <" + root.getTagName() + ">, not <Response>");
                return null;
            }
            return root;
        } catch (SAXException | IOException e) {
            fail("the answer is not well-formed XML: " + e.getMessage());
            return null;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI action(Element gather) {
        String action = gather.getAttribute("action").strip();
        return action.isEmpty() ? document : resolve(action);
    }

    private URI resolve(String reference) {
        try {
            return simulator.local(document.resolve(reference), called);
        } catch (IllegalArgumentException e) {
            fail("not a URL: " + reference);
            return null;
        }
    }

    private static String method(Element verb) {
        return "GET".equals(verb.getAttribute("method")) ? "GET" : "POST";
    }

    private void add(CallStep step) {
        steps.add(step);
        listener.accept(step);
    }

    private void finding(String message) {
        add(new CallStep.Finding(message));
    }

    /** A finding that ends the call, as the carrier's application error would. */
    private void fail(String message) {
        finding(message);
        ending = Transcript.Ending.APPLICATION_ERROR;
    }

    private static Map<String, String> attributes(Element element) {
        Map<String, String> map = new LinkedHashMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            map.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
        }
        return map;
    }

    private static String attributeOrNull(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    private static int intAttribute(Element element, String name, int fallback) {
        String value = element.getAttribute(name);
        return value.matches("\\d{1,9}") ? Integer.parseInt(value) : fallback;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
