package io.callgate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An HTTP stub answering like Twilio's Messages API ({@code POST …/Accounts/{AC}/Messages.json}):
 * 201 with a JSON body carrying an {@code SM…} sid; once per destination when asked, 429 with
 * Twilio's error body (20429), which callgate retries.
 */
final class MessagesStub implements AutoCloseable {

    private final HttpServer server;
    private final Acceptances acceptances;

    MessagesStub(int port, Acceptances acceptances) throws IOException {
        this.acceptances = acceptances;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
                answer(exchange, 404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
                return;
            }
            String to = formValue(form, "To");
            if (to == null) {
                answer(exchange, 400, "{\"code\":21604,\"message\":\"A 'To' phone number is required.\",\"status\":400}");
            } else if (!acceptances.offer(to)) {
                answer(exchange, 429, "{\"code\":20429,\"message\":\"Too Many Requests\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/20429\",\"status\":429}");
            } else {
                String sid = "SM" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
                answer(exchange, 201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + to
                        + "\",\"num_segments\":\"1\",\"error_code\":null,\"error_message\":null}");
            }
        }
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
