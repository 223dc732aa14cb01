package io.callgate.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /admin/rooms}: rooms and participants over JSON, behind the API credentials, checked before storing. */
@CallgateTest
class RoomsAdminTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    private TestServer server;

    @BeforeEach
    void server() {
        server = new TestServer(port);
    }

    @Test
    void roomsAreCreatedReadReplacedAndDeletedWithTheirOwnVerifyService() {
        String name = RoomFixture.roomName("board");
        HttpResponse<String> created = server.post("/admin/rooms", "application/json", "{\"name\":\"" + name
                + "\",\"kind\":\"LiveKit\",\"display_name\":\"Board meeting\",\"link_template\":"
                + "\"https://meet.livekit.io/custom?liveKitUrl=wss://lk.example.org&token={token}\",\"participants\":["
                + "{\"identity\":\"Ada\",\"name\":\"Ada Lovelace\",\"phone\":\"+1 415 555 0101\",\"role\":\"moderator\"},"
                + "{\"identity\":\"bob\",\"name\":\"Bob\",\"email\":\"bob@Example.org\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> room = TestServer.json(created.body());
        assertThat(room).containsEntry("kind", "livekit").containsEntry("display_name", "Board meeting")
                .containsEntry("page_url", server.base() + "/video/" + name).doesNotContainKey("notice");
        assertThat(room.get("participants")).isEqualTo(List.of(
                participantMap("ada", "Ada Lovelace", "+14155550101", null, "sms", "moderator"),
                participantMap("bob", "Bob", null, "bob@example.org", "email", "participant")));
        String service = (String) room.get("verify_service");
        assertThat(db.sql("select friendly_name from verify_service where sid = ?").param(service).query(String.class).single())
                .isEqualTo("Board meeting");
        assertThat(server.post("/admin/rooms", "application/json", "{\"name\":\"" + name + "\",\"kind\":\"jitsi\"}")
                .statusCode()).isEqualTo(409);

        HttpResponse<String> replaced = TestServer.send(server.request("/admin/rooms/" + name)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"kind\":\"jitsi\",\"display_name\":\"Board\"}")).build());
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        Map<String, Object> after = TestServer.json(replaced.body());
        assertThat(after).containsEntry("kind", "jitsi").containsEntry("verify_service", service).containsEntry("link_template", null);
        assertThat((List<?>) after.get("participants")).hasSize(2); // no list given: kept

        assertThat(TestServer.json(server.get("/admin/rooms").body()).get("rooms").toString()).contains(name);
        assertThat(TestServer.send(server.request("/admin/rooms/" + name).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(server.get("/admin/rooms/" + name).statusCode()).isEqualTo(404);
        assertThat(db.sql("select count(*) from video_participant where room = ?").param(name).query(Integer.class).single())
                .isZero();
    }

    @Test
    void participantsAreAddedReplacedAndRemovedOneByOne() {
        String name = new RoomFixture(server).room(RoomFixture.roomName("team"), "jitsi", null);
        String path = "/admin/rooms/" + name + "/participants";
        HttpResponse<String> added = server.post(path, "application/json",
                "{\"identity\":\"cy\",\"name\":\"Cy\",\"phone\":\"+14155550102\",\"channel\":\"call\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(server.post(path, "application/json", "{\"identity\":\"cy\",\"phone\":\"+14155550102\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> promoted = TestServer.send(server.request(path + "/cy").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Cy Young\",\"phone\":\"+14155550102\",\"role\":\"moderator\"}")).build());
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(TestServer.json(server.get(path + "/cy").body())).containsEntry("role", "moderator")
                .containsEntry("name", "Cy Young").containsEntry("channel", "sms");
        assertThat(TestServer.send(server.request(path + "/cy").DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(TestServer.send(server.request(path + "/cy").DELETE().build()).statusCode()).isEqualTo(404);
        assertThat(TestServer.json(server.get(path).body())).containsEntry("participants", List.of());
    }

    @Test
    void badRoomsAreRefusedNamingTheFieldAndNothingIsStored() {
        long rooms = db.sql("select count(*) from video_room").query(Long.class).single();
        Map<String, String> refusals = Map.of(
                "{\"name\":\"Bad Name\",\"kind\":\"livekit\"}", "name",
                "{\"name\":\"ok\",\"kind\":\"zoom\"}", "kind",
                "{\"name\":\"ok\",\"kind\":\"jitsi\",\"link_template\":\"https://meet.example.org/{room}\"}", "link_template",
                "{\"name\":\"ok\",\"kind\":\"jitsi\",\"link_template\":\"javascript:alert({token})\"}", "link_template",
                "{\"name\":\"ok\",\"kind\":\"jitsi\",\"participants\":[{\"identity\":\"a b\",\"phone\":\"+14155550101\"}]}",
                "participants[0].identity",
                "{\"name\":\"ok\",\"kind\":\"jitsi\",\"participants\":[{\"identity\":\"a\",\"phone\":\"0101\"}]}",
                "participants[0].phone",
                "{\"name\":\"ok\",\"kind\":\"jitsi\",\"participants\":[{\"identity\":\"a\"}]}", "participants[0].phone",
                "{\"name\":\"ok\",\"kind\":\"jitsi\",\"participants\":[{\"identity\":\"a\",\"phone\":\"+14155550101\","
                        + "\"channel\":\"email\"}]}", "participants[0].email",
                "{\"name\":\"ok\",\"kind\":\"jitsi\",\"participants\":[{\"identity\":\"a\",\"phone\":\"+14155550101\","
                        + "\"role\":\"owner\"}]}", "participants[0].role",
                "{\"name\":\"ok\",\"kind\":\"jitsi\",\"participants\":[{\"identity\":\"a\",\"phone\":\"+14155550101\"},"
                        + "{\"identity\":\"A\",\"phone\":\"+14155550102\"}]}", "participants[1].identity");
        refusals.forEach((body, field) -> {
            HttpResponse<String> refused = server.post("/admin/rooms", "application/json", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(TestServer.json(refused.body())).containsEntry("code", 60200);
            assertThat((String) TestServer.json(refused.body()).get("message")).as(body).contains(field);
        });
        assertThat(server.post("/admin/rooms", "application/json", "{not json").statusCode()).isEqualTo(400);
        assertThat(db.sql("select count(*) from video_room").query(Long.class).single()).isEqualTo(rooms);
    }

    @Test
    void theAdminApiNeedsTheCredentials() {
        HttpResponse<String> anonymous = TestServer.send(HttpRequest.newBuilder(
                URI.create(server.base() + "/admin/rooms")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static Map<String, Object> participantMap(String identity, String name, String phone, String email,
                                                      String channel, String role) {
        Map<String, Object> p = new HashMap<>();
        p.put("identity", identity);
        p.put("name", name);
        p.put("phone", phone);
        p.put("email", email);
        p.put("channel", channel);
        p.put("role", role);
        return p;
    }
}
