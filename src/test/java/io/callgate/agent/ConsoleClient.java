package io.callgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent's browser reduced to HTTP: the session cookie and the CSRF token of the last page, sent by hand
 * (the session cookie is {@code Secure}, which the JDK's cookie handler keeps off plain-HTTP test servers).
 */
final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("CALLGATE_SESSION=([^;]+)");

    private final String base;
    private String session;
    private String csrf;

    ConsoleClient(String base) {
        this.base = base;
    }

    static ConsoleClient signedIn(String base, String agent) {
        ConsoleClient client = new ConsoleClient(base);
        client.get("/agent/login");
        HttpResponse<String> signedIn = client.post("/agent/login",
                "username=" + agent + "&password=" + URLEncoder.encode(AgentFixture.PASSWORD, StandardCharsets.UTF_8));
        assertThat(signedIn.headers().firstValue("Location")).get().asString().endsWith("/agent");
        client.get("/agent");
        return client;
    }

    String session() {
        return session;
    }

    void useSession(String session) {
        this.session = session;
    }

    String csrf() {
        return csrf;
    }

    void useCsrf(String token) {
        this.csrf = token;
    }

    HttpResponse<String> get(String path) {
        return remember(TestServer.send(request(path).GET().build()));
    }

    /** A form post carrying the last page's CSRF token. */
    HttpResponse<String> post(String path, String form) {
        String body = csrf == null ? form : form + (form.isEmpty() ? "" : "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return remember(TestServer.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (session != null) {
            request.header("Cookie", "CALLGATE_SESSION=" + session);
        }
        return request;
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        Matcher cookie = SESSION.matcher(String.join(";", response.headers().allValues("Set-Cookie")));
        if (cookie.find()) {
            session = cookie.group(1);
        }
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }
}
