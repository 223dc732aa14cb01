package io.callgate.support;

import com.twilio.http.TwilioRestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Credentials, clients and dev-inbox access for tests that talk to a running callgate. */
public final class TestServer {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
    public static final String SECRET_KEY = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5YWI=";
    public static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

    /** The room-token settings every test server has (callgate.video.*). */
    public static final String LIVEKIT_API_KEY = "APIcallgateTest";
    public static final String LIVEKIT_API_SECRET = "livekit-secret-for-tests-only-0123456789abcdef";
    public static final String JITSI_APP_ID = "callgate-test";
    public static final String JITSI_APP_SECRET = "jitsi-secret-for-tests-only-0123456789abcdef";
    public static final String TWILIO_VIDEO_ACCOUNT_SID = "AC00000000000000000000000000000abc";
    public static final String TWILIO_VIDEO_KEY_SID = "SK00000000000000000000000000000abc";
    public static final String TWILIO_VIDEO_KEY_SECRET = "twilio-video-key-secret-0123456789";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String user;
    private final String password;

    public TestServer(int port) {
        this("http://127.0.0.1:" + port);
    }

    public TestServer(String base) {
        this(base, ACCOUNT_SID, AUTH_TOKEN);
    }

    /** A server whose raw requests authenticate as {@code user} (an account or API key SID). */
    public TestServer(String base, String user, String password) {
        this.base = base;
        this.user = user;
        this.password = password;
    }

    public String base() {
        return base;
    }

    /** The official Twilio SDK client, pointed at this server. */
    public TwilioRestClient twilio() {
        return twilio(ACCOUNT_SID, AUTH_TOKEN);
    }

    public TwilioRestClient twilio(String username, String password) {
        return new TwilioRestClient.Builder(username, password).accountSid(ACCOUNT_SID)
                .httpClient(new LocalTwilioHttpClient(base)).build();
    }

    public record InboxMessage(String channel, String to, String body, String code, String sentAt) {
    }

    /** Dev inbox messages for a destination, newest first. */
    public List<InboxMessage> inbox(String to) {
        String query = to == null ? "" : "?to=" + java.net.URLEncoder.encode(to, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/dev/inbox" + query))
                .header("Accept", "application/json").GET().build());
        return JSON.readValue(response.body(), new TypeReference<List<InboxMessage>>() { });
    }

    /** The newest code sent to a destination. */
    public String lastCode(String to) {
        return inbox(to).getFirst().code();
    }

    /** A raw request with this server's credentials, for methods, headers and bodies the helpers below do not cover. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic(user, password));
    }

    /** A raw form POST with the credentials, for requests the SDK would not send. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return post(path, contentType, body, Map.of());
    }

    /** A raw POST with extra headers (such as a client's {@code X-Forwarded-For}). */
    public HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> form(String path, Map<String, String> params, Map<String, String> headers) {
        return post(path, "application/x-www-form-urlencoded", formBody(params), headers);
    }

    public HttpResponse<String> form(String path, Map<String, String> params) {
        return post(path, "application/x-www-form-urlencoded", formBody(params));
    }

    /** A form POST of name/value pairs, in order; empty values are sent as given. */
    public HttpResponse<String> form(String path, String... pairs) {
        return post(path, "application/x-www-form-urlencoded", formBody(pairs));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** Creates a Verify service over raw HTTP and returns its sid. */
    public String createService(String friendlyName) {
        HttpResponse<String> response = form("/v2/Services", Map.of("FriendlyName", friendlyName));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("service not created: " + response.body());
        }
        return (String) json(response.body()).get("sid");
    }

    public static String formBody(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return formBody(params);
    }

    /** URL-encodes parameters as a form body, in the map's order. */
    public static String formBody(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    public static Map<String, Object> json(String body) {
        return JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class ClockConfig {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }
}
