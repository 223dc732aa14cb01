package io.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code admin rooms}: a room and its participants managed from the command line. */
@CallgateTest
class RoomsCommandTest {

    private static final Map<String, String> CREDENTIALS = Map.of(
            "CALLGATE_ACCOUNT_SID", TestServer.ACCOUNT_SID, "CALLGATE_AUTH_TOKEN", TestServer.AUTH_TOKEN);

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Test
    void aRoomAndAParticipantAreManagedWithTheAdminCommands() throws IOException {
        String server = "http://127.0.0.1:" + port;
        Path room = Files.writeString(dir.resolve("room.json"),
                "{\"name\":\"cli-room\",\"kind\":\"jitsi\",\"link_template\":\"https://meet.example.org/{room}?jwt={token}\"}");
        Path ada = Files.writeString(dir.resolve("ada.json"),
                "{\"name\":\"Ada\",\"phone\":\"+14155550123\",\"role\":\"moderator\"}");

        assertThat(run("admin", "rooms", "create", room.toString(), "--server", server)).isZero();
        Console add = new Console("", CREDENTIALS);
        assertThat(add.run("admin", "rooms", "update", "cli-room/participants/ada", ada.toString(), "--server", server))
                .as(add.err()).isZero();
        assertThat(add.out()).contains("\"role\" : \"moderator\"");
        Console get = new Console("", CREDENTIALS);
        assertThat(get.run("admin", "rooms", "get", "cli-room", "--server", server)).isZero();
        assertThat(get.out()).contains("\"identity\" : \"ada\"").contains("/video/cli-room");
        assertThat(run("admin", "rooms", "delete", "cli-room/participants/ada", "--server", server)).isZero();
        assertThat(run("admin", "rooms", "delete", "cli-room", "--server", server)).isZero();
        assertThat(run("admin", "rooms", "get", "cli-room", "--server", server)).isEqualTo(1);
    }

    private int run(String... args) {
        return new Console("", CREDENTIALS).run(args);
    }
}
