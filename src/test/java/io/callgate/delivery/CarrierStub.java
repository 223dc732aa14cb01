package io.callgate.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Twilio-like Messages API that can be told, per destination, to answer at once, to hold a
 * request without taking the message, or to take the message and then hold the answer, so that the
 * node sending it can be killed at that moment. It counts the messages it took per destination.
 */
final class CarrierStub implements AutoCloseable {

    /** What the carrier does with a message to one destination. */
    enum Behaviour {
        /** Takes it and answers 201 with a sid. */
        ANSWER,
        /** Holds the request and never takes the message. */
        HOLD_WITHOUT_TAKING,
        /** Takes the message, sends the answer's first bytes, then holds the rest. */
        TAKE_AND_HOLD_ANSWER
    }

    private final HttpServer server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
    private final AtomicInteger sids = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);

    CarrierStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void behave(String to, Behaviour behaviour) {
        behaviours.put(to, behaviour);
    }

    /** Requests that reached the carrier for a destination, taken or not. */
    int received(String to) {
        return received.computeIfAbsent(to, t -> new AtomicInteger()).get();
    }

    /** Messages the carrier took for a destination: what the person would get. */
    int taken(String to) {
        return taken.computeIfAbsent(to, t -> new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String to = formValue(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), "To");
            received.computeIfAbsent(to, t -> new AtomicInteger()).incrementAndGet();
            Behaviour behaviour = behaviours.getOrDefault(to, Behaviour.ANSWER);
            if (behaviour == Behaviour.HOLD_WITHOUT_TAKING) {
                closing.await();
                return;
            }
            taken.computeIfAbsent(to, t -> new AtomicInteger()).incrementAndGet();
            byte[] body = ("{\"sid\":\"SM" + String.format("%032d", sids.incrementAndGet()) + "\",\"status\":\"queued\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            if (behaviour == Behaviour.TAKE_AND_HOLD_ANSWER) {
                exchange.getResponseBody().write(body, 0, 8);
                exchange.getResponseBody().flush();
                closing.await();
                return;
            }
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
