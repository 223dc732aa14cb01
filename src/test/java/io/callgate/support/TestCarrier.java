package io.callgate.support;

import io.callgate.voice.WebhookSignature;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Plays a TwiML carrier towards a running callgate: form POSTs signed with the carrier's token, as Twilio sends
 * them, and the answers parsed as XML.
 */
public final class TestCarrier {

    /** The token of the carrier {@link CallgateTest} configures ({@code callgate.voice.carriers.test}). */
    public static final String TOKEN = "test-carrier-token-5f1c0e7a";

    private final String base;
    private final WebhookSignature signature;

    public TestCarrier(String base) {
        this(base, TOKEN);
    }

    public TestCarrier(String base, String token) {
        this.base = base;
        this.signature = new WebhookSignature(token);
    }

    /** An answer: HTTP status, body, and the body parsed as XML when it is TwiML. */
    public record Answer(int status, String body, Map<String, List<String>> headers) {

        /** The TwiML, parsed; it must use only documented verbs and attributes ({@link DocumentedTwiml}). */
        public Document xml() {
            Document document;
            try {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("not XML: " + body, e);
            }
            DocumentedTwiml.check(document);
            return document;
        }

        /** The string value of an XPath over the TwiML. */
        public String xpath(String expression) {
            try {
                return XPathFactory.newInstance().newXPath().evaluate(expression, xml());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        public List<Element> elements(String expression) {
            try {
                NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                        .evaluate(expression, xml(), XPathConstants.NODESET);
                return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        /** The names of the verbs directly under {@code Response}, in order. */
        public List<String> verbs() {
            return elements("/Response/*").stream().map(Element::getTagName).toList();
        }

        /** Everything the caller hears said, in order, nested prompts included. */
        public List<String> said() {
            return elements("//Say").stream().map(Element::getTextContent).toList();
        }
    }

    /** Name/value pairs, in order. */
    public static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    /** The signature this carrier puts on a POST of {@code params} to {@code url}. */
    public String sign(String url, Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return signature.sign(url, multi);
    }

    /** The absolute URL of a path on this server, as a carrier would call it. */
    public String url(String path) {
        return base + path;
    }

    /** A signed POST to a path of this server. */
    public Answer post(String path, Map<String, String> params) {
        return post(path, params, Map.of());
    }

    public Answer post(String path, Map<String, String> params, Map<String, String> headers) {
        String url = base + path;
        return send(url, params, sign(url, params), headers);
    }

    /** A POST with the signature given (null: none). */
    public Answer send(String url, Map<String, String> params, String signatureValue, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.formBody(params)));
        if (signatureValue != null && !headers.containsKey("X-SignalWire-Signature")) {
            request.header("X-Twilio-Signature", signatureValue);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = TestServer.send(request.build());
        return new Answer(response.statusCode(), response.body(), response.headers().map());
    }
}
