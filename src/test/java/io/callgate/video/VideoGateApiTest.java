package io.callgate.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.DatabaseContents;
import io.callgate.support.MutableClock;
import io.callgate.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gate's JSON API: an unknown identity is answered like a participant up to and including its codes, a
 * removed participant gets no token even with the right code, and bad input is refused without changing anything.
 */
@CallgateTest
class VideoGateApiTest {

    private static final String HINT = "••••••[0-9]{2}";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient db;

    @Autowired
    DataSource dataSource;

    @Autowired
    VideoProperties properties;

    private TestServer server;
    private RoomFixture rooms;
    private String ada;
    private String room;

    @BeforeEach
    void room() {
        server = new TestServer(port);
        rooms = new RoomFixture(server);
        ada = RoomFixture.phone();
        room = rooms.room(RoomFixture.roomName("gate"), "livekit", "https://meet.livekit.io/custom?liveKitUrl=wss://lk.example.org&token={token}",
                RoomFixture.participant("ada", "Ada", ada, "moderator"),
                RoomFixture.participant("bob", "Bob", RoomFixture.phone(), "participant"));
    }

    @Test
    void anUnknownIdentityGetsTheSameAnswerAStableHintAndNoCode() {
        int sent = server.inbox(null).size();
        long begun = System.nanoTime();
        HttpResponse<String> known = rooms.ticket(room, "ada");
        Duration knownTook = Duration.ofNanos(System.nanoTime() - begun);
        begun = System.nanoTime();
        HttpResponse<String> unknown = rooms.ticket(room, "mallory");
        Duration unknownTook = Duration.ofNanos(System.nanoTime() - begun);

        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(201);
        Map<String, Object> k = TestServer.json(known.body());
        Map<String, Object> u = TestServer.json(unknown.body());
        assertThat(u.keySet()).isEqualTo(k.keySet());
        assertThat((String) k.get("sent_to")).matches(HINT).isEqualTo("••••••" + ada.substring(ada.length() - 2));
        assertThat((String) u.get("sent_to")).matches(HINT);
        assertThat(u.get("channel")).isEqualTo(k.get("channel")).isEqualTo("sms");
        assertThat(((String) u.get("ticket")).length()).isEqualTo(((String) k.get("ticket")).length()).isEqualTo(43);
        assertThat(u.get("expires_at")).isEqualTo(k.get("expires_at"));
        assertThat(knownTook).isGreaterThanOrEqualTo(properties.answerFloor());
        assertThat(unknownTook).isGreaterThanOrEqualTo(properties.answerFloor());

        assertThat(TestServer.json(rooms.ticket(room, "mallory").body())).containsEntry("sent_to", u.get("sent_to"));
        assertThat(server.inbox(null)).hasSize(sent + 1); // Ada's code only
        assertThat(db.sql("select count(*) from video_ticket where room = ?").param(room).query(Integer.class).single())
                .isEqualTo(3);
    }

    @Test
    void anUnknownIdentitysCodesFailExactlyAsAParticipantsWrongCodesDo() {
        String adaTicket = ticket("ada");
        String malloryTicket = ticket("mallory");
        String right = server.lastCode(ada);
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> known = rooms.token(room, adaTicket, wrong);
            HttpResponse<String> unknown = rooms.token(room, malloryTicket, wrong);
            assertThat(unknown.statusCode()).as("try " + i).isEqualTo(known.statusCode())
                    .isEqualTo(i < 4 ? 403 : 429);
            Map<String, Object> k = TestServer.json(known.body());
            Map<String, Object> u = TestServer.json(unknown.body());
            assertThat(u.keySet()).isEqualTo(k.keySet());
            assertThat(u.get("error")).isEqualTo(k.get("error")).isEqualTo(i < 4 ? "wrong_code" : "too_many_attempts");
            assertThat(u.get("attempts_left")).isEqualTo(k.get("attempts_left")).isEqualTo(Math.max(0, 4 - i));
            assertThat(u.get("message")).isEqualTo(k.get("message"));
        }
        // Out of tries, even the right code gets nothing.
        assertThat(rooms.token(room, adaTicket, right).statusCode()).isEqualTo(429);
    }

    @Test
    void aWrongCodeThenTheRightOneGivesTheTokenOnceOnly() {
        String ticket = ticket("ada");
        String right = server.lastCode(ada);
        HttpResponse<String> wrong = rooms.token(room, ticket, right.equals("000000") ? "111111" : "000000");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(wrong.body())).containsEntry("attempts_left", 4).containsEntry("error", "wrong_code")
                .containsEntry("sent_to", "••••••" + ada.substring(ada.length() - 2));

        HttpResponse<String> admitted = rooms.token(room, ticket, right);
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
        assertThat(admitted.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        Map<String, Object> token = TestServer.json(admitted.body());
        assertThat((String) token.get("url")).startsWith("https://meet.livekit.io/custom?liveKitUrl=wss://lk.example.org&token=")
                .endsWith((String) token.get("token"));
        assertThat(token).containsEntry("identity", "ada").containsEntry("role", "moderator").containsEntry("room", room);

        HttpResponse<String> replayed = rooms.token(room, ticket, right);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(replayed.body())).containsEntry("error", "invalid_ticket");
    }

    @Test
    void aRemovedParticipantGetsNoTokenEvenWithTheRightCode() {
        String ticket = ticket("ada");
        String code = server.lastCode(ada);
        assertThat(TestServer.send(server.request("/admin/rooms/" + room + "/participants/ada").DELETE().build())
                .statusCode()).isEqualTo(204);
        HttpResponse<String> refused = rooms.token(room, ticket, code);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(refused.body())).containsEntry("error", "invalid_ticket").doesNotContainKey("token");

        // Removed behind the admin API's back, with the ticket still open: the gate looks the person up itself.
        String bob = RoomFixture.phone();
        server.post("/admin/rooms/" + room + "/participants", "application/json",
                RoomFixture.participant("cy", "Cy", bob, "participant"));
        String cyTicket = ticket("cy");
        db.sql("delete from video_participant where room = ? and identity = 'cy'").param(room).update();
        HttpResponse<String> gone = rooms.token(room, cyTicket, server.lastCode(bob));
        assertThat(gone.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(gone.body())).containsEntry("error", "wrong_code").doesNotContainKey("token");
    }

    @Test
    void badInputIsRefusedClearlyAndChangesNothing() {
        String ticket = ticket("ada");
        String before = DatabaseContents.dump(dataSource);

        assertRefused(rooms.ticket("no-such-room", "ada"), 404, "unknown_room");
        assertRefused(rooms.token("no-such-room", ticket, "123456"), 404, "unknown_room");
        assertRefused(rooms.ticket(room, "a b"), 400, "invalid_identity");
        assertRefused(rooms.ticket(room, "x".repeat(65)), 400, "invalid_identity");
        assertRefused(rooms.ticket(room, ""), 400, "invalid_identity");
        assertRefused(rooms.token(room, ticket, "12ab56"), 400, "invalid_code");
        assertRefused(rooms.token(room, ticket, "12"), 400, "invalid_code");
        assertRefused(rooms.token(room, "A".repeat(43), "123456"), 400, "invalid_ticket");
        assertRefused(rooms.token(room, "not a ticket", "123456"), 400, "invalid_ticket");
        assertRefused(rooms.token(room, ticket.substring(1) + "A", "123456"), 400, "invalid_ticket");
        HttpResponse<String> notJson = TestServer.send(HttpRequest.newBuilder(
                        URI.create(server.base() + "/video/api/" + room + "/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{ticket")).build());
        assertRefused(notJson, 400, "invalid_request");
        assertThat(DatabaseContents.dump(dataSource)).isEqualTo(before);

        String other = rooms.room(RoomFixture.roomName("other"), "jitsi", null,
                RoomFixture.participant("ada", "Ada", ada, "participant"));
        assertRefused(rooms.token(other, ticket, server.lastCode(ada)), 400, "invalid_ticket");

        clock.advance(Duration.ofMinutes(11));
        assertRefused(rooms.token(room, ticket, server.lastCode(ada)), 400, "invalid_ticket");
    }

    @Test
    void anIdentityGetsFiveTicketsAnHourKnownOrNot() {
        for (String identity : List.of("bob", "zed")) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(rooms.ticket(room, identity).statusCode());
            }
            assertThat(statuses).as(identity).containsOnly(201);
            HttpResponse<String> capped = rooms.ticket(room, identity);
            assertRefused(capped, 429, "too_many_tickets");
            assertThat(capped.headers().firstValue("Retry-After")).get().asString().isEqualTo("3600");
        }
        clock.advance(Duration.ofMinutes(61));
        assertThat(rooms.ticket(room, "zed").statusCode()).isEqualTo(201);
    }

    private String ticket(String identity) {
        HttpResponse<String> ticket = rooms.ticket(room, identity);
        assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);
        return (String) TestServer.json(ticket.body()).get("ticket");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Map<String, Object> body = TestServer.json(response.body());
        assertThat(body).containsEntry("error", error).doesNotContainKey("token");
        assertThat((String) body.get("message")).isNotBlank();
    }
}
