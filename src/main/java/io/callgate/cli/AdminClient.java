package io.callgate.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A thin HTTP client of the admin API: one request, its answer printed, its failure explained. */
final class AdminClient {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final String base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminClient(String base, ServerConnection.Credentials credentials) {
        this.base = base.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (credentials.accountSid() + ":" + credentials.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    /** The answer to one request; {@code body} as the server sent it. */
    record Reply(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    Reply send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (ConnectException e) {
            throw new IllegalStateException("cannot reach callgate at " + base + " (is it running? see --server)", e);
        } catch (IOException e) {
            throw new IllegalStateException("request to " + base + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A JSON body indented for reading; anything else as it came. */
    static String pretty(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(body));
        } catch (JacksonException e) {
            return body;
        }
    }

    /** One line for a refusal: the HTTP status with the API's own code and message when it sent them. */
    static String explain(Reply reply) {
        String detail = "";
        try {
            JsonNode error = JSON.readTree(reply.body());
            if (error != null && error.has("message")) {
                detail = (error.has("code") ? " (code " + error.get("code").asString() + ")" : "") + ": "
                        + error.get("message").asString();
            }
        } catch (JacksonException | IllegalArgumentException e) {
            detail = reply.body() == null || reply.body().isBlank() ? "" : ": " + reply.body().strip();
        }
        String hint = reply.status() == 401 ? " (check the account SID and auth token)" : "";
        return "HTTP " + reply.status() + detail + hint;
    }
}
