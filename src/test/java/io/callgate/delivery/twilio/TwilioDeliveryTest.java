package io.callgate.delivery.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.Verification;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import com.twilio.security.RequestValidator;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import io.callgate.voice.WebhookSignature;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Element;

/**
 * A whole callgate whose sms channel is a Twilio provider ({@code first}) then a SignalWire one ({@code second}),
 * and whose call channel is {@code first}; both carriers are WireMock servers. Verifications are started with the
 * official twilio-java SDK; attempts are read through the Attempts API.
 */
@CallgateTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class TwilioDeliveryTest {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String FIRST_TOKEN = "first-auth-token";
    static final String PROJECT = "7b981d06-fa9e-4c1a-9e5b-0123456789ab";
    static final String PUBLIC = "https://callgate.example.test";
    static final String FIRST_MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final String FIRST_CALLS = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";
    static final String SECOND_MESSAGES = "/api/laml/2010-04-01/Accounts/" + PROJECT + "/Messages.json";
    static final Pattern SMS_CODE = Pattern.compile("code is: (\\d{6})");
    static final Pattern SPOKEN_CODE = Pattern.compile("code is: ((?:\\d, ){5}\\d)");

    static int firstPort;
    static WireMockServer first;
    static WireMockServer second;
    /** Every request either carrier received, across restarts of {@code first}. */
    static final List<LoggedRequest> received = new ArrayList<>();
    /** Codes that calls read after a key press. */
    static final List<String> spoken = new ArrayList<>();

    @DynamicPropertySource
    static void carriers(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            firstPort = socket.getLocalPort();
        }
        first = startFirst();
        second = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        second.start();
        registry.add("callgate.public-base-url", () -> PUBLIC);
        registry.add("callgate.delivery.providers.first.type", () -> "twilio");
        registry.add("callgate.delivery.providers.first.account-sid", () -> ACCOUNT);
        registry.add("callgate.delivery.providers.first.auth-token", () -> FIRST_TOKEN);
        registry.add("callgate.delivery.providers.first.from", () -> "+15017122661");
        registry.add("callgate.delivery.providers.first.base-url", () -> "http://127.0.0.1:" + firstPort);
        // Long enough for a cold WireMock on a busy machine, short enough for the slow carrier below.
        registry.add("callgate.delivery.providers.first.timeout", () -> "3s");
        registry.add("callgate.delivery.providers.second.type", () -> "signalwire");
        registry.add("callgate.delivery.providers.second.space-url", second::baseUrl);
        registry.add("callgate.delivery.providers.second.project-id", () -> PROJECT);
        registry.add("callgate.delivery.providers.second.token", () -> "PTsecond");
        registry.add("callgate.delivery.providers.second.from", () -> "+15017122662");
        registry.add("callgate.delivery.providers.second.channels", () -> "sms");
        registry.add("callgate.delivery.channels.sms", () -> "first,second");
        registry.add("callgate.delivery.channels.call", () -> "first");
    }

    static WireMockServer startFirst() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().port(firstPort));
        server.start();
        // A first request warms the server up, so that the provider's timeout measures the stubs' delays only.
        TestServer.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/mappings")).GET().build());
        return server;
    }

    @AfterAll
    static void stopCarriers() {
        first.stop();
        second.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    TestServer server;
    TwilioRestClient twilio;
    String service;

    @BeforeEach
    void reset() {
        server = new TestServer(port);
        twilio = server.twilio();
        service = Service.creator("Acme").create(twilio).getSid();
        first.resetAll();
        second.resetAll();
        second.stubFor(post(urlEqualTo(SECOND_MESSAGES)).willReturn(created("9c1f0e2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b")));
    }

    /** No code in a URL a carrier received (request lines and callback URLs), nor in the log. */
    @AfterEach
    void noCodeInAnyUrlOrLog(CapturedOutput log) {
        received.addAll(first.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())));
        received.addAll(second.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())));
        List<String> codes = received.stream().map(r -> r.formParameters().get("Body"))
                .filter(java.util.Objects::nonNull).map(p -> SMS_CODE.matcher(p.firstValue()))
                .filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toCollection(ArrayList::new));
        received.stream().map(r -> r.formParameters().get("Twiml")).filter(java.util.Objects::nonNull)
                .map(p -> SPOKEN_CODE.matcher(p.firstValue())).filter(Matcher::find)
                .forEach(m -> codes.add(m.group(1).replace(", ", "")));
        codes.addAll(spoken);
        assertThat(codes).isNotEmpty();
        for (String code : codes) {
            assertThat(log.getAll()).doesNotContain(code);
        }
        for (LoggedRequest request : received) {
            String urls = request.getAbsoluteUrl() + " " + request.formParameters().entrySet().stream()
                    .filter(e -> e.getKey().equals("StatusCallback")).map(e -> e.getValue().firstValue())
                    .collect(Collectors.joining(" "));
            for (String code : codes) {
                assertThat(urls).doesNotContain(code);
            }
        }
    }

    @Test
    void aFirstCarrierThatIsDownFailsOverToTheSecond() {
        first.stop();
        try {
            assertFailsOver("+15557654331", "first: cannot connect to Twilio");
        } finally {
            first = startFirst();
        }
    }

    @Test
    void aSlowFirstCarrierFailsOverToTheSecond() {
        first.stubFor(post(urlEqualTo(FIRST_MESSAGES)).willReturn(created("SM1").withFixedDelay(10_000)));

        assertFailsOver("+15557654332", "first: no answer from Twilio within 3000 ms");
    }

    @Test
    void aServerErrorFailsOverToTheSecond() {
        first.stubFor(post(urlEqualTo(FIRST_MESSAGES)).willReturn(error(503, 20500)));

        assertFailsOver("+15557654333", "first: Twilio answered HTTP 503, error 20500");
    }

    @Test
    void throttlingFailsOverToTheSecond() {
        first.stubFor(post(urlEqualTo(FIRST_MESSAGES)).willReturn(error(429, 20429)));

        assertFailsOver("+15557654334", "first: Twilio answered HTTP 429, error 20429");
        assertThat(first.getAllServeEvents()).hasSize(1);
        assertThat(first.getAllServeEvents().getFirst().getRequest().getHeader("Authorization"))
                .isEqualTo(TestServer.basic(ACCOUNT, FIRST_TOKEN));
    }

    @Test
    void refusedCredentialsFailOverToTheSecond() {
        // A 401 is about this provider's account, not the number: another provider can deliver the message.
        first.stubFor(post(urlEqualTo(FIRST_MESSAGES)).willReturn(error(401, 20003)));

        assertFailsOver("+15557654336", "first: Twilio answered HTTP 401, error 20003 (check this provider's credentials)");
    }

    @Test
    void anInvalidNumberStopsAtTheFirstCarrierAndTheAttemptKeepsItsCode() {
        first.stubFor(post(urlEqualTo(FIRST_MESSAGES)).willReturn(error(400, 21211)));

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> Verification.creator(service, "+15557654335", "sms").create(twilio));

        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getCode()).isEqualTo(60200);
        assertThat(second.getAllServeEvents()).isEmpty();
        Map<String, Object> attempt = onlyAttemptTo("+15557654335");
        assertThat(channelData(attempt)).containsEntry("status", "failed").containsEntry("error_code", 21211);
        assertThat(providerOf((String) attempt.get("sid"))).containsExactly("first", null);
        assertThat(tries((String) attempt.get("sid"))).singleElement().asString()
                .startsWith("first refused 21211 first: Twilio answered HTTP 400, error 21211");
    }

    @Test
    void aSignedStatusCallbackBecomesTheAttemptsReceipt() {
        first.stubFor(post(urlEqualTo(FIRST_MESSAGES)).willReturn(created("SM00000000000000000000000000000042")));
        Verification started = Verification.creator(service, "+15557654336", "sms").create(twilio);
        String attempt = attemptSid(started);
        String callback = form(onlyRequest(first)).get("StatusCallback");
        assertThat(callback).isEqualTo(PUBLIC + "/callbacks/twilio/first/messages");
        Map<String, String> status = new LinkedHashMap<>(Map.of("MessageSid", "SM00000000000000000000000000000042",
                "MessageStatus", "undelivered", "ErrorCode", "30007", "AccountSid", ACCOUNT, "To", "+15557654336"));

        assertThat(callback(callback, status, null).statusCode()).isEqualTo(403);
        assertThat(callback(callback, status, new WebhookSignature("wrong-token").sign(callback, multi(status))).statusCode())
                .isEqualTo(403);
        assertThat(channelData(attempt(attempt))).containsEntry("status", "sent");

        assertThat(callback(callback, status, signed(callback, status)).statusCode()).isEqualTo(204);
        assertThat(channelData(attempt(attempt))).containsEntry("status", "undelivered").containsEntry("error_code", 30007);
    }

    @Test
    void aKeypressCallReadsTheCodeOnlyToTheSignedCallbackOfItsOwnCall() throws Exception {
        String keypressService = Service.creator("Acme & Sons").setDtmfInputRequired(true).create(twilio).getSid();
        first.stubFor(post(urlEqualTo(FIRST_CALLS)).willReturn(created("CA00000000000000000000000000000077")));
        Verification started = Verification.creator(keypressService, "+15557654337", "call").create(twilio);
        assertThat(started.getStatus()).isEqualTo("pending");
        String twiml = form(onlyRequest(first)).get("Twiml");
        Element gather = (Element) TwilioRestProviderTest.twiml(twiml).getElementsByTagName("Gather").item(0);
        assertThat(gather.getTextContent()).isEqualTo("Hello, this is Acme & Sons. Please press any key to hear your verification code.");
        String action = gather.getAttribute("action");
        String attempt = attemptSid(started);
        assertThat(action).isEqualTo(PUBLIC + "/callbacks/twilio/first/calls/" + attempt + "/en-US");
        Map<String, String> keypress = new LinkedHashMap<>(Map.of("CallSid", "CA00000000000000000000000000000077",
                "AccountSid", ACCOUNT, "From", "+15017122661", "To", "+15557654337", "Digits", "5",
                "CallStatus", "in-progress", "Direction", "outbound-api", "ApiVersion", "2010-04-01"));
        String signature = signed(action, keypress);
        assertThat(new RequestValidator(FIRST_TOKEN).validate(action, keypress, signature)).isTrue();

        assertThat(callback(action, keypress, null).statusCode()).isEqualTo(403);
        assertThat(callback(action, keypress, new WebhookSignature("forged").sign(action, multi(keypress))).statusCode())
                .isEqualTo(403);
        Map<String, String> tampered = new LinkedHashMap<>(keypress);
        tampered.put("CallSid", "CA00000000000000000000000000000078");
        assertThat(callback(action, tampered, signature).statusCode()).isEqualTo(403);
        HttpResponse<String> otherCall = callback(action, tampered, signed(action, tampered));
        assertThat(otherCall.statusCode()).isEqualTo(200);
        assertThat(otherCall.body()).doesNotMatch("(?s).*\\d, \\d.*").contains("Goodbye.");

        HttpResponse<String> reading = callback(action, keypress, signature);

        assertThat(reading.statusCode()).isEqualTo(200);
        assertThat(reading.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        Element response = TwilioRestProviderTest.twiml(reading.body());
        assertThat(TwilioRestProviderTest.children(response)).containsExactly("Pause", "Say", "Hangup");
        String said = response.getElementsByTagName("Say").item(0).getTextContent();
        Matcher spelled = Pattern.compile("code is: ((?:\\d, ){5}\\d)\\. Once again, your code is: \\1\\. Goodbye\\.").matcher(said);
        assertThat(spelled.find()).as(said).isTrue();
        String code = spelled.group(1).replace(", ", "");
        spoken.add(code);
        assertThat(action).doesNotContain(code);
        assertThat(twiml).doesNotContain(code);
        VerificationCheck check = VerificationCheck.creator(keypressService).setVerificationSid(started.getSid())
                .setCode(code).create(twilio);
        assertThat(check.getStatus()).isEqualTo("approved");

        HttpResponse<String> afterApproval = callback(action, keypress, signature);
        assertThat(afterApproval.statusCode()).isEqualTo(200);
        assertThat(afterApproval.body()).doesNotContain(spelled.group(1)).contains("Goodbye.");
    }

    @Test
    void aCallWithoutKeypressReadsTheCodeInline() throws Exception {
        first.stubFor(post(urlEqualTo(FIRST_CALLS)).willReturn(created("CA00000000000000000000000000000079")));

        String direct = Service.creator("Acme").setDtmfInputRequired(false).create(twilio).getSid();
        Verification started = Verification.creator(direct, "+15557654338", "call").create(twilio);

        Element response = TwilioRestProviderTest.twiml(form(onlyRequest(first)).get("Twiml"));
        assertThat(TwilioRestProviderTest.children(response)).containsExactly("Pause", "Say", "Hangup");
        assertThat(response.getElementsByTagName("Say").item(0).getTextContent())
                .matches("Hello\\. Your Acme verification code is: (\\d, ){5}\\d\\. Once again, your code is: (\\d, ){5}\\d\\."
                        + " It expires in 10 minutes\\. Goodbye\\.");
        String attempt = attemptSid(started);
        assertThat(providerOf(attempt)).containsExactly("first", "CA00000000000000000000000000000079");
    }

    /**
     * The verification goes out through the second carrier, with SignalWire's auth (the project and its token), and its
     * attempt says so; the history of tries keeps the first carrier's failure.
     */
    private void assertFailsOver(String to, String firstError) {
        Verification started = Verification.creator(service, to, "sms").create(twilio);

        assertThat(started.getStatus()).isEqualTo("pending");
        LoggedRequest request = onlyRequest(second);
        assertThat(request.getHeader("Authorization")).isEqualTo(TestServer.basic(PROJECT, "PTsecond"));
        Map<String, String> sent = form(request);
        assertThat(sent).containsEntry("To", to).containsEntry("From", "+15017122662")
                .containsEntry("StatusCallback", PUBLIC + "/callbacks/twilio/second/messages");
        assertThat(sent.get("Body")).matches("Your Acme verification code is: \\d{6}\\. It expires in 10 minutes\\.");
        String attempt = attemptSid(started);
        assertThat(channelData(attempt(attempt))).containsEntry("status", "sent").containsEntry("error_code", null);
        assertThat(providerOf(attempt)).containsExactly("second", "9c1f0e2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
        List<String> tries = tries(attempt);
        assertThat(tries).hasSize(2);
        assertThat(tries.getFirst()).startsWith("first retryable null " + firstError);
        assertThat(tries.getLast()).isEqualTo("second sent null null 9c1f0e2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    }

    /** Each provider try of an attempt, in order: provider, status, error code, error, provider reference. */
    private List<String> tries(String attemptSid) {
        return db.sql("select provider, status, error_code, error, provider_reference from delivery_attempt"
                        + " where reference = ? order by id").param(attemptSid)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                        + " " + rs.getString(5)).list();
    }

    @SuppressWarnings("unchecked")
    private static String attemptSid(Verification started) {
        return (String) ((Map<String, Object>) started.getSendCodeAttempts().getFirst()).get("attempt_sid");
    }

    private List<String> providerOf(String attemptSid) {
        return db.sql("select provider, provider_reference from send_attempt where sid = ?").param(attemptSid)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2))).single();
    }

    private Map<String, Object> attempt(String sid) {
        HttpResponse<String> response = server.get("/v2/Attempts/" + sid);
        assertThat(response.statusCode()).isEqualTo(200);
        return TestServer.json(response.body());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyAttemptTo(String to) {
        HttpResponse<String> response = server.get("/v2/Attempts?ChannelData.To=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) TestServer.json(response.body()).get("attempts");
        assertThat(attempts).hasSize(1);
        return attempts.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> channelData(Map<String, Object> attempt) {
        return (Map<String, Object>) attempt.get("channel_data");
    }

    /** Posts a carrier's callback to callgate at the path of its public URL. */
    private HttpResponse<String> callback(String publicUrl, Map<String, String> params, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + publicUrl.substring(PUBLIC.length())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.formBody(params)));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return TestServer.send(request.build());
    }

    private static String signed(String url, Map<String, String> params) {
        return new WebhookSignature(FIRST_TOKEN).sign(url, multi(params));
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }

    private static LoggedRequest onlyRequest(WireMockServer carrier) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !carrier.getAllServeEvents().isEmpty());
        assertThat(carrier.getAllServeEvents()).hasSize(1);
        return carrier.getAllServeEvents().getFirst().getRequest();
    }

    private static Map<String, String> form(LoggedRequest request) {
        return TwilioRestProviderTest.form(request);
    }

    private static ResponseDefinitionBuilder created(String sid) {
        return TwilioRestProviderTest.created(sid);
    }

    private static ResponseDefinitionBuilder error(int status, int code) {
        return TwilioRestProviderTest.error(status, Integer.toString(code));
    }
}
