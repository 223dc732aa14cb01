package io.callgate.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A TwiML webhook server for tests, on the JDK's HTTP server: each path answers with the TwiML its
 * script returns. Like a callgate line it accepts only requests signed with the carrier token, and
 * it checks them with twilio-java's {@link RequestValidator}, an implementation independent of ours.
 */
public final class TwimlEndpoint implements AutoCloseable {

    /** One request as the endpoint saw it; {@code signed} is the validator's verdict. */
    public record Hit(String method, String path, String query, Map<String, String> params, Map<String, String> headers,
                      boolean signed) {
    }

    private final HttpServer server;
    private final RequestValidator validator;
    private final String signedBase;
    private final Map<String, Function<Hit, String>> routes = new ConcurrentHashMap<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();

    /** An endpoint that checks signatures over its own URL. */
    public TwimlEndpoint(String token) {
        this(token, null);
    }

    /** An endpoint that checks signatures over {@code signedBase} + path, as a server behind a proxy does. */
    public TwimlEndpoint(String token, String signedBase) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.validator = new RequestValidator(token);
        this.signedBase = signedBase;
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return base() + path;
    }

    /** Answers requests to {@code path} with the TwiML the script returns. */
    public TwimlEndpoint on(String path, Function<Hit, String> script) {
        routes.put(path, script);
        return this;
    }

    /** Answers requests to {@code path} with fixed TwiML. */
    public TwimlEndpoint on(String path, String twiml) {
        return on(path, hit -> twiml);
    }

    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = new TreeMap<>();
            Map<String, String> form = "POST".equals(method)
                    ? decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)) : Map.of();
            params.putAll(decode(query));
            params.putAll(form);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
            String url = (signedBase != null ? signedBase : base()) + path + (query == null ? "" : "?" + query);
            String signature = headers.get("X-Twilio-Signature");
            boolean signed = signature != null && validator.validate(url, form, signature);
            Hit hit = new Hit(method, path, query, params, headers, signed);
            hits.add(hit);
            Function<Hit, String> script = routes.get(path);
            if (!signed || script == null) {
                exchange.sendResponseHeaders(signed ? 404 : 403, -1);
                return;
            }
            byte[] body = script.apply(hit).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", body.length > 0 && body[0] == '<'
                    ? "text/xml; charset=utf-8" : "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> params = new TreeMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
