package io.callgate.delivery.twilio;

import io.callgate.delivery.MessageTemplates;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callgate.delivery.Channel;
import io.callgate.delivery.DeliveryException;
import io.callgate.delivery.OutboundMessage;
import io.callgate.delivery.ProviderSettings;
import java.io.StringReader;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import tools.jackson.databind.json.JsonMapper;

/** The exact requests the provider makes to Twilio and SignalWire, and how it reads their answers. */
class TwilioRestProviderTest {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "twilio-auth-token";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";
    static final String PUBLIC = "https://callgate.example.test";
    static final String CODE = "482915";
    static final String ATTEMPT = "VL0123456789abcdef0123456789abcdef";

    WireMockServer carrier;

    @BeforeEach
    void start() {
        carrier = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        carrier.start();
    }

    @AfterEach
    void stop() {
        carrier.stop();
    }

    @Test
    void anSmsIsOneFormPostToMessagesWithBasicAuthAndAStatusCallback() {
        carrier.stubFor(post(urlEqualTo(MESSAGES)).willReturn(created("SM00000000000000000000000000000001")));

        String reference = twilio(Map.of(), PUBLIC).send(sms());

        assertThat(reference).isEqualTo("SM00000000000000000000000000000001");
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo(MESSAGES);
        assertThat(request.getHeader("Authorization")).isEqualTo(basic(ACCOUNT, TOKEN));
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(request)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "To", "+15557654321",
                "From", "+15017122661",
                "Body", "Your Acme verification code is: " + CODE,
                "StatusCallback", PUBLIC + "/callbacks/twilio/tw/messages")));
    }

    @Test
    void aMessagingServiceAndAnApiKeyReplaceFromAndTheAuthToken() {
        carrier.stubFor(post(urlEqualTo(MESSAGES)).willReturn(created("SM00000000000000000000000000000002")));
        String key = "SK0123456789abcdef0123456789abcdef";

        twilio(Map.of("messaging-service-sid", "MG0123456789abcdef0123456789abcdef", "api-key", key,
                "api-secret", "key-secret", "channels", "sms", "from", ""), "").send(sms());

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo(basic(key, "key-secret"));
        assertThat(form(request)).containsOnlyKeys("To", "MessagingServiceSid", "Body")
                .containsEntry("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef");
    }

    @Test
    void aCallReadsTheSpelledCodeInTheMessagesLanguageThenHangsUp() throws Exception {
        carrier.stubFor(post(urlEqualTo(CALLS)).willReturn(created("CA00000000000000000000000000000001")));
        String body = "Your <Acme & Co> verification code is: 4, 8, 2, 9, 1, 5. Goodbye.";

        String reference = twilio(Map.of("voice", "Polly.Camila"), PUBLIC)
                .send(new OutboundMessage(Channel.CALL, "+15557654321", null, body, CODE, ATTEMPT, "pt-BR", null));

        assertThat(reference).isEqualTo("CA00000000000000000000000000000001");
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo(CALLS);
        assertThat(request.getHeader("Authorization")).isEqualTo(basic(ACCOUNT, TOKEN));
        Map<String, String> form = form(request);
        assertThat(form).containsOnlyKeys("To", "From", "Twiml").containsEntry("To", "+15557654321")
                .containsEntry("From", "+15017122661");
        Element response = twiml(form.get("Twiml"));
        assertThat(children(response)).containsExactly("Pause", "Say", "Hangup");
        Element say = (Element) response.getElementsByTagName("Say").item(0);
        assertThat(say.getTextContent()).isEqualTo(body);
        assertThat(say.getAttribute("language")).isEqualTo("pt-BR");
        assertThat(say.getAttribute("voice")).isEqualTo("Polly.Camila");
    }

    @Test
    void aKeypressCallSaysThePromptAndLeavesTheCodeToTheSignedCallback() throws Exception {
        carrier.stubFor(post(urlEqualTo(CALLS)).willReturn(created("CA00000000000000000000000000000002")));

        twilio(Map.of(), PUBLIC).send(keypressCall());

        String twiml = form(onlyRequest()).get("Twiml");
        assertThat(twiml).doesNotContain(CODE).doesNotContain("4, 8, 2");
        Element response = twiml(twiml);
        assertThat(children(response)).containsExactly("Gather", "Say", "Hangup");
        Element gather = (Element) response.getElementsByTagName("Gather").item(0);
        assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
        assertThat(gather.getAttribute("method")).isEqualTo("POST");
        assertThat(gather.getAttribute("action")).isEqualTo(PUBLIC + "/callbacks/twilio/tw/calls/" + ATTEMPT + "/en");
        assertThat(gather.getTextContent()).isEqualTo("This is Acme. Press any key to hear your verification code.");
        assertThat(response.getLastChild().getPreviousSibling().getTextContent()).isEqualTo("Goodbye.");
    }

    @Test
    void aKeypressCallWithoutAPublicUrlIsRefusedWithoutCallingTheCarrier() {
        DeliveryException refusal = catchThrowableOfType(DeliveryException.class,
                () -> twilio(Map.of(), "").send(keypressCall()));

        assertThat(refusal.isRetryable()).isFalse();
        assertThat(refusal.getMessage()).contains("callgate.public-base-url");
        assertThat(carrier.getAllServeEvents()).isEmpty();
    }

    @Test
    void signalWireIsTheSameApiBelowTheSpaceWithTheProjectAsAccount() {
        String project = "7b981d06-fa9e-4c1a-9e5b-0123456789ab";
        String path = "/api/laml/2010-04-01/Accounts/" + project + "/Messages.json";
        carrier.stubFor(post(urlEqualTo(path)).willReturn(created("0f3c1e2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b")));
        TwilioRestProvider provider = provider(new LinkedHashMap<>(Map.of("space-url", carrier.baseUrl(),
                "project-id", project, "token", "PTsecret", "from", "+15017122661")), SignalWireSettings.class, PUBLIC);

        String reference = provider.send(sms());

        assertThat(reference).isEqualTo("0f3c1e2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo(path);
        assertThat(request.getHeader("Authorization")).isEqualTo(basic(project, "PTsecret"));
        assertThat(form(request)).containsOnlyKeys("To", "From", "Body", "StatusCallback");
    }

    @ParameterizedTest
    @CsvSource({"500, 20500", "503, ''", "429, 20429", "401, 20003"})
    void serverFaultsThrottlingAndRefusedCredentialsAreRetryable(int status, String code) {
        carrier.stubFor(post(urlEqualTo(MESSAGES)).willReturn(error(status, code)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> twilio(Map.of(), PUBLIC).send(sms()));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("HTTP " + status).doesNotContain(CODE).doesNotContain("+15557654321");
    }

    @ParameterizedTest
    @CsvSource({"400, 21211", "400, 21614", "400, 21408", "400, 21610", "400, 30007", "403, 60410"})
    void refusalsOfTheNumberArePermanentWithTheCarriersCode(int status, String code) {
        carrier.stubFor(post(urlEqualTo(MESSAGES)).willReturn(error(status, code)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> twilio(Map.of(), PUBLIC).send(sms()));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.getMessage()).contains(code).doesNotContain(CODE).doesNotContain("+15557654321");
    }

    @Test
    void aRefusalWithoutJsonHasNoCode() {
        carrier.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(404).withBody("<html>nope</html>")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> twilio(Map.of(), PUBLIC).send(sms()));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.errorCode()).isNull();
    }

    @Test
    void aSlowCarrierTimesOutRetryably() {
        carrier.stubFor(post(urlEqualTo(MESSAGES)).willReturn(created("SM1").withFixedDelay(3000)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> twilio(Map.of("timeout", "300ms"), PUBLIC).send(sms()));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("within 300 ms");
    }

    @Test
    void aCarrierThatAnswersAtOnceButStallsTheBodyTimesOutToo() throws Exception {
        // The JDK's request timeout ends at the headers: without a deadline of its own the send would wait for ever.
        try (ServerSocket stalling = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = stalling.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    s.getOutputStream().write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                            + "{\"sid\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(30_000);
                } catch (Exception e) {
                    // the test is over
                }
            });
            TwilioRestProvider provider = provider(settings(Map.of("base-url", "http://127.0.0.1:" + stalling.getLocalPort(),
                    "timeout", "500ms")), TwilioSettings.class, PUBLIC);

            long start = System.nanoTime();
            DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> provider.send(sms()));

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("within 500 ms");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void aCarrierThatIsDownIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TwilioRestProvider provider = provider(settings(Map.of("base-url", "http://127.0.0.1:" + closedPort)),
                TwilioSettings.class, PUBLIC);

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> provider.send(sms()));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("cannot connect");
    }

    @Test
    void incompleteSettingsStopTheStartNamingTheProvider() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider(new LinkedHashMap<>(Map.of("auth-token", TOKEN, "from", "+1555")),
                        TwilioSettings.class, ""))
                .withMessageContaining("provider tw: account-sid is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> twilio(Map.of("from", "", "messaging-service-sid", "MG0123456789abcdef0123456789abcdef"), ""))
                .withMessageContaining("from is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> twilio(Map.of("channels", "email"), ""))
                .withMessageContaining("channels must be sms, call or both");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> provider(new LinkedHashMap<>(Map.of("space-url", "example.signalwire.com",
                        "project-id", "7b981d06-fa9e", "token", "t", "from", "+1555")), SignalWireSettings.class, ""))
                .withMessageContaining("space-url is required");
    }

    static OutboundMessage sms() {
        return new OutboundMessage(Channel.SMS, "+15557654321", null, "Your Acme verification code is: " + CODE, CODE,
                ATTEMPT, "en", null);
    }

    static OutboundMessage keypressCall() {
        return new OutboundMessage(Channel.CALL, "+15557654321", null,
                "Your Acme verification code is: 4, 8, 2, 9, 1, 5. Goodbye.", CODE, ATTEMPT, "en",
                "This is Acme. Press any key to hear your verification code.");
    }

    TwilioRestProvider twilio(Map<String, String> overrides, String publicBase) {
        return provider(settings(overrides), TwilioSettings.class, publicBase);
    }

    Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("account-sid", ACCOUNT, "auth-token", TOKEN,
                "from", "+15017122661", "base-url", carrier.baseUrl(), "timeout", "10s"));
        values.putAll(overrides);
        return values;
    }

    static TwilioRestProvider provider(Map<String, String> values, Class<?> type, String publicBase) {
        ProviderSettings settings = new ProviderSettings("tw", values);
        RestAccount account = type == TwilioSettings.class ? settings.bind(TwilioSettings.class).account("tw")
                : settings.bind(SignalWireSettings.class).account("tw");
        return new TwilioRestProvider(account, new CallbackUrls(publicBase), JsonMapper.builder().build(),
                new MessageTemplates(java.util.Map.of()));
    }

    LoggedRequest onlyRequest() {
        assertThat(carrier.getAllServeEvents()).hasSize(1);
        return carrier.getAllServeEvents().getFirst().getRequest();
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new TreeMap<>();
        request.formParameters().forEach((name, p) -> form.put(name, p.firstValue()));
        return form;
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}");
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code) {
        String codeJson = code.isEmpty() ? "null" : code;
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + codeJson + ",\"message\":\"The 'To' number +15557654321 is not valid\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    static Element twiml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("Response");
        return root;
    }

    static java.util.List<String> children(Element element) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (var n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getTagName());
            }
        }
        return names;
    }
}
