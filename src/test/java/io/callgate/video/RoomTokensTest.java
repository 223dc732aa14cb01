package io.callgate.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.callgate.support.CallgateTest;
import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanSubscribe;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.callgate.support.MutableClock;
import io.callgate.support.TestServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tokens minted at the end of the gate, read back with java-jwt (not the JOSE library that signs them) and the
 * secrets the server was configured with; claims as LiveKit, Jitsi (with the moderator plugins) and Twilio expect.
 */
@CallgateTest
class RoomTokensTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    private RoomFixture rooms;

    @BeforeEach
    void fixture() {
        rooms = new RoomFixture(new TestServer(port));
    }

    @Test
    void liveKitGrantsJoinPublishAndSubscribeToTheRoomAndRoomAdminOnlyToModerators() {
        String ada = RoomFixture.phone();
        String bob = RoomFixture.phone();
        String room = rooms.room(RoomFixture.roomName("lk"), "livekit", null,
                RoomFixture.participant("ada", "Ada Lovelace", ada, "moderator"),
                RoomFixture.participant("bob", "Bob", bob, "participant"));

        Map<String, Object> moderator = rooms.join(room, "ada", ada);
        assertThat(moderator).containsEntry("url", null).containsEntry("kind", "livekit").containsEntry("role", "moderator");
        DecodedJWT token = RoomFixture.verified((String) moderator.get("token"), TestServer.LIVEKIT_API_SECRET,
                TestServer.LIVEKIT_API_KEY, clock);
        assertThat(token.getSubject()).isEqualTo("ada");
        assertThat(token.getClaim("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(token.getNotBefore().toInstant()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(Duration.between(token.getNotBefore().toInstant(), token.getExpiresAt().toInstant())).isEqualTo(Duration.ofMinutes(10));
        assertThat(Instant.parse((String) moderator.get("expires_at"))).isEqualTo(token.getExpiresAt().toInstant());
        assertThat(token.getClaim("video").asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "roomJoin", true, "room", room, "canPublish", true, "canSubscribe", true, "roomAdmin", true));

        DecodedJWT participant = RoomFixture.verified((String) rooms.join(room, "bob", bob).get("token"),
                TestServer.LIVEKIT_API_SECRET, TestServer.LIVEKIT_API_KEY, clock);
        assertThat(participant.getSubject()).isEqualTo("bob");
        assertThat(participant.getClaim("video").asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "roomJoin", true, "room", room, "canPublish", true, "canSubscribe", true));
    }

    /** LiveKit's server SDK as the reference: the same grant, the same claims, apart from its empty sip grant. */
    @Test
    void liveKitsOwnSdkWritesTheSameClaimsForTheSameGrant() {
        String ada = RoomFixture.phone();
        String room = rooms.room(RoomFixture.roomName("lk"), "livekit", null,
                RoomFixture.participant("ada", "Ada Lovelace", ada, "moderator"));
        DecodedJWT ours = JWT.decode((String) rooms.join(room, "ada", ada).get("token"));

        AccessToken sdk = new AccessToken(TestServer.LIVEKIT_API_KEY, TestServer.LIVEKIT_API_SECRET);
        sdk.setIdentity("ada");
        sdk.setName("Ada Lovelace");
        sdk.setNotBefore(ours.getNotBefore()); // optional in the SDK; callgate always sets it
        sdk.addGrants(new RoomJoin(true), new RoomName(room), new CanPublish(true), new CanSubscribe(true),
                new RoomAdmin(true));
        DecodedJWT theirs = JWT.decode(sdk.toJwt());

        assertThat(ours.getAlgorithm()).isEqualTo(theirs.getAlgorithm()).isEqualTo("HS256");
        assertThat(ours.getIssuer()).isEqualTo(theirs.getIssuer());
        assertThat(ours.getSubject()).isEqualTo(theirs.getSubject());
        assertThat(ours.getClaim("name").asString()).isEqualTo(theirs.getClaim("name").asString());
        assertThat(ours.getClaim("video").asMap()).isEqualTo(theirs.getClaim("video").asMap());
        assertThat(theirs.getClaims().keySet()).containsAll(ours.getClaims().keySet());
        assertThat(theirs.getClaim("sip").asMap()).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretDoesNotVerify() {
        String ada = RoomFixture.phone();
        String room = rooms.room(RoomFixture.roomName("lk"), "livekit", null,
                RoomFixture.participant("ada", "Ada", ada, "participant"));
        String token = (String) rooms.join(room, "ada", ada).get("token");
        assertThatThrownBy(() -> RoomFixture.verified(token, "another-secret-of-the-same-length-0123456789",
                TestServer.LIVEKIT_API_KEY, clock)).isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void jitsiTokensNameTheRoomTheUserAndTheModeratorFromTheRoomsPolicy() {
        String ada = RoomFixture.phone();
        String bob = RoomFixture.phone();
        String room = rooms.room(RoomFixture.roomName("jitsi"), "jitsi", "https://meet.example.org/{room}?jwt={token}",
                // Bob comes first in the room's list and joins first: he is still not the moderator.
                RoomFixture.participant("bob", "Bob", bob, "participant"),
                "{\"identity\":\"ada\",\"name\":\"Ada Lovelace\",\"phone\":\"" + ada
                        + "\",\"email\":\"ada@example.org\",\"channel\":\"sms\",\"role\":\"moderator\"}");

        Map<String, Object> first = rooms.join(room, "bob", bob);
        DecodedJWT bobs = RoomFixture.verified((String) first.get("token"), TestServer.JITSI_APP_SECRET,
                TestServer.JITSI_APP_ID, clock);
        assertThat(bobs.getAudience()).containsExactly("jitsi");
        assertThat(bobs.getSubject()).isEqualTo("*");
        assertThat(bobs.getClaim("room").asString()).isEqualTo(room);
        assertThat(bobs.getClaim("moderator").asBoolean()).isFalse();
        assertThat(bobs.getClaim("context").asMap().get("user")).isEqualTo(Map.of(
                "id", "bob", "name", "Bob", "moderator", "false", "affiliation", "member"));
        String url = (String) first.get("url");
        assertThat(url).startsWith("https://meet.example.org/" + room + "?jwt=");
        assertThat(URLDecoder.decode(url.substring(url.indexOf("jwt=") + 4), StandardCharsets.UTF_8))
                .isEqualTo(first.get("token"));

        DecodedJWT adas = RoomFixture.verified((String) rooms.join(room, "ada", ada).get("token"),
                TestServer.JITSI_APP_SECRET, TestServer.JITSI_APP_ID, clock);
        assertThat(adas.getClaim("moderator").asBoolean()).isTrue();
        assertThat(adas.getClaim("context").asMap().get("user")).isEqualTo(Map.of(
                "id", "ada", "name", "Ada Lovelace", "email", "ada@example.org", "moderator", "true", "affiliation", "owner"));
        assertThat(adas.getNotBefore()).isNotNull();
        assertThat(adas.getExpiresAt()).isNotNull();
    }

    @Test
    void twilioVideoTokensHaveTwiliosHeaderAndGrants() {
        String ada = RoomFixture.phone();
        String room = rooms.room(RoomFixture.roomName("twilio"), "twilio", null,
                RoomFixture.participant("ada", "Ada", ada, "participant"));
        assertThat(rooms.server.get("/admin/rooms/" + room).body()).contains("closes on 5 December 2026");

        String token = (String) rooms.join(room, "ada", ada).get("token");
        DecodedJWT decoded = RoomFixture.verified(token, TestServer.TWILIO_VIDEO_KEY_SECRET, TestServer.TWILIO_VIDEO_KEY_SID,
                clock);
        assertThat(decoded.getContentType()).isEqualTo("twilio-fpa;v=1");
        assertThat(decoded.getType()).isEqualTo("JWT");
        assertThat(decoded.getSubject()).isEqualTo(TestServer.TWILIO_VIDEO_ACCOUNT_SID);
        assertThat(decoded.getId()).isEqualTo(TestServer.TWILIO_VIDEO_KEY_SID + "-" + clock.instant().getEpochSecond());
        assertThat(decoded.getClaim("grants").asMap()).isEqualTo(Map.of("identity", "ada", "video", Map.of("room", room)));
        assertThat(JWT.decode(token).getIssuedAt()).isNull();
    }
}
