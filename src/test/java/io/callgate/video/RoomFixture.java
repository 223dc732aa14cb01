package io.callgate.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.callgate.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Rooms made through the admin API, the gate's JSON API, and room tokens read back with java-jwt. */
final class RoomFixture {

    /** Numbers no other test of this run sends to, so per-destination limits never carry over. */
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000, 5000));
    private static final AtomicInteger ROOMS = new AtomicInteger();

    final TestServer server;

    RoomFixture(TestServer server) {
        this.server = server;
    }

    static String phone() {
        return "+1415555" + NEXT.incrementAndGet();
    }

    static String roomName(String prefix) {
        return prefix + "-" + ROOMS.incrementAndGet() + "-" + ThreadLocalRandom.current().nextInt(100_000);
    }

    static String participant(String identity, String name, String phone, String role) {
        return "{\"identity\":\"" + identity + "\",\"name\":\"" + name + "\",\"phone\":\"" + phone
                + "\",\"channel\":\"sms\",\"role\":\"" + role + "\"}";
    }

    /** Creates a room; {@code participants} are JSON objects. */
    String room(String name, String kind, String linkTemplate, String... participants) {
        String body = "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"display_name\":\"Board " + kind + "\""
                + (linkTemplate == null ? "" : ",\"link_template\":\"" + linkTemplate + "\"")
                + ",\"participants\":[" + String.join(",", participants) + "]}";
        HttpResponse<String> created = server.post("/admin/rooms", "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    /** The gate's first step over JSON; no credentials. */
    HttpResponse<String> ticket(String room, String identity) {
        return TestServer.send(HttpRequest.newBuilder(URI.create(server.base() + "/video/api/" + room + "/tickets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"" + identity + "\"}")).build());
    }

    HttpResponse<String> token(String room, String ticket, String code) {
        return TestServer.send(HttpRequest.newBuilder(URI.create(server.base() + "/video/api/" + room + "/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"ticket\":\"" + ticket + "\",\"code\":\"" + code + "\"}")).build());
    }

    /** Both steps for a participant whose code goes to {@code phone}: the token's JSON answer. */
    Map<String, Object> join(String room, String identity, String phone) {
        HttpResponse<String> ticket = ticket(room, identity);
        assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);
        HttpResponse<String> token = token(room, (String) TestServer.json(ticket.body()).get("ticket"), server.lastCode(phone));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return TestServer.json(token.body());
    }

    /** Verifies signature, issuer and times with the secret the server was configured with, at the server's clock. */
    static DecodedJWT verified(String token, String secret, String issuer, Clock clock) {
        JWTVerifier verifier = ((JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(secret))
                .withIssuer(issuer)).build(clock);
        return verifier.verify(token);
    }
}
