package io.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.api.ApiException;
import io.callgate.api.TwilioApi;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin commands against a running callgate: real HTTP Basic authentication on /admin, and a
 * collection of the test's own, since every collection is driven by the same commands.
 */
@CallgateTest
@Import(AdminCommandTest.Widgets.class)
class AdminCommandTest {

    private static final List<AdminResource> WIDGETS = List.of(new AdminResource("widgets", "Widgets of the test."));

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    private Map<String, String> credentials;

    @BeforeEach
    void clear() {
        Widgets.STORE.clear();
        credentials = Map.of("CALLGATE_ACCOUNT_SID", TestServer.ACCOUNT_SID, "CALLGATE_AUTH_TOKEN", TestServer.AUTH_TOKEN);
    }

    private String server() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void createsListsShowsUpdatesAndDeletes() throws IOException {
        Path widget = Files.writeString(dir.resolve("board.json"), "{\"id\":\"board\",\"colour\":\"blue\"}");

        Console create = new Console("", credentials);
        assertThat(create.run(WIDGETS, "admin", "widgets", "create", widget.toString(), "--server", server()))
                .as(create.err()).isZero();
        assertThat(create.out()).contains("\"colour\" : \"blue\"");

        Console list = new Console("", credentials);
        assertThat(list.run(WIDGETS, "admin", "widgets", "list", "--server", server())).isZero();
        assertThat(TestServer.json(list.out())).containsKey("widgets");
        assertThat(list.out()).contains("\"board\"");

        Console update = new Console("{\"id\":\"board\",\"colour\":\"red\"}", credentials);
        assertThat(update.run(WIDGETS, "admin", "widgets", "update", "board", "-", "--server", server())).isZero();
        Console get = new Console("", credentials);
        assertThat(get.run(WIDGETS, "admin", "widgets", "get", "board", "--server", server())).isZero();
        assertThat(TestServer.json(get.out())).containsEntry("colour", "red");

        Console delete = new Console("", credentials);
        assertThat(delete.run(WIDGETS, "admin", "widgets", "delete", "board", "--server", server())).isZero();
        assertThat(delete.out()).contains("deleted /admin/widgets/board");

        Console gone = new Console("", credentials);
        assertThat(gone.run(WIDGETS, "admin", "widgets", "get", "board", "--server", server())).isEqualTo(1);
        assertThat(gone.err()).contains("error: GET /admin/widgets/board: HTTP 404 (code 20404): "
                + "The requested resource /admin/widgets/board was not found");
        assertThat(gone.out()).isEmpty();
    }

    @Test
    void importsAFileAsTheMediaTypeItsExtensionNames() throws IOException {
        Path yaml = Files.writeString(dir.resolve("lines.yaml"), "lines:\n  - path: board\n");
        Path csv = Files.writeString(dir.resolve("accounts.CSV"), "account,name\n1001,Ada\n");
        Path text = Files.writeString(dir.resolve("notes.txt"), "a,b\n");

        for (Path file : List.of(yaml, csv)) {
            Console imported = new Console("", credentials);
            assertThat(imported.run(WIDGETS, "admin", "widgets", "import", file.toString(), "--server", server()))
                    .as(imported.err()).isZero();
            assertThat(TestServer.json(imported.out())).containsEntry("contentType",
                    file == yaml ? "application/yaml" : "text/csv").containsEntry("body", Files.readString(file));
        }

        Console unknown = new Console("", credentials);
        assertThat(unknown.run(WIDGETS, "admin", "widgets", "import", text.toString(), "--server", server())).isEqualTo(1);
        assertThat(unknown.err()).contains("give --content-type");
        Console told = new Console("", credentials);
        assertThat(told.run(WIDGETS, "admin", "widgets", "import", text.toString(), "--content-type", "text/csv",
                "--server", server())).isZero();
    }

    @Test
    void findsCredentialsInOptionsVariablesOrTheSecretsFileAndExplainsARefusal() throws IOException {
        Console wrong = new Console("", credentials);
        assertThat(wrong.run(WIDGETS, "admin", "widgets", "list", "--server", server(), "--auth-token", "wrong"))
                .isEqualTo(1);
        assertThat(wrong.err()).contains("HTTP 401 (code 20003): Authenticate (check the account SID and auth token)");

        Path secrets = Files.writeString(dir.resolve("callgate-secrets.properties"),
                "secret-key=unused\naccount-sid=" + TestServer.ACCOUNT_SID + "\nauth-token=" + TestServer.AUTH_TOKEN + "\n");
        Console fromFile = new Console("", Map.of());
        assertThat(fromFile.run(WIDGETS, "admin", "widgets", "list", "--server", server(), "--secrets-file",
                secrets.toString())).as(fromFile.err()).isZero();
        Console fromVariable = new Console("", Map.of("CALLGATE_SECRETS_FILE", secrets.toString()));
        assertThat(fromVariable.run(WIDGETS, "admin", "widgets", "list", "--server", server())).isZero();
        Console fromOptions = new Console("", Map.of());
        assertThat(fromOptions.run(WIDGETS, "admin", "widgets", "list", "--server", server(), "--account-sid",
                TestServer.ACCOUNT_SID, "--auth-token", TestServer.AUTH_TOKEN, "--secrets-file", "missing")).isZero();

        Console none = new Console("", Map.of());
        assertThat(none.run(WIDGETS, "admin", "widgets", "list", "--server", server(), "--secrets-file",
                dir.resolve("missing").toString())).isEqualTo(1);
        assertThat(none.err()).contains("error: no credentials: pass --account-sid and --auth-token");

        Console usage = new Console("", credentials);
        assertThat(usage.run(WIDGETS, "admin", "widgets", "get")).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter: 'ID'");
        Console noResource = new Console("", credentials);
        assertThat(noResource.run(WIDGETS, "admin")).isEqualTo(2);
        assertThat(noResource.err()).contains("name what to manage: widgets");
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Import(WidgetsController.class)
    static class Widgets {
        static final Map<String, Map<String, Object>> STORE = new ConcurrentHashMap<>();
    }

    /** A collection in the admin API's shape, for the commands to drive. */
    @RestController
    @TwilioApi
    @RequestMapping("/admin/widgets")
    static class WidgetsController {

        @GetMapping
        Map<String, Object> list() {
            return Map.of("widgets", List.copyOf(Widgets.STORE.values()));
        }

        @PostMapping(consumes = "application/json")
        ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> widget) {
            Widgets.STORE.put((String) widget.get("id"), widget);
            return ResponseEntity.status(HttpStatus.CREATED).body(widget);
        }

        @GetMapping("/{id}")
        Map<String, Object> get(@PathVariable String id) {
            Map<String, Object> widget = Widgets.STORE.get(id);
            if (widget == null) {
                throw ApiException.notFound("/admin/widgets/" + id);
            }
            return widget;
        }

        @PutMapping(path = "/{id}", consumes = "application/json")
        Map<String, Object> put(@PathVariable String id, @RequestBody Map<String, Object> widget) {
            Map<String, Object> stored = new LinkedHashMap<>(widget);
            stored.put("id", id);
            Widgets.STORE.put(id, stored);
            return stored;
        }

        @DeleteMapping("/{id}")
        ResponseEntity<Void> delete(@PathVariable String id) {
            return Widgets.STORE.remove(id) == null ? ResponseEntity.notFound().build() : ResponseEntity.noContent().build();
        }

        @PostMapping(path = "/import", consumes = {"application/yaml", "text/csv"})
        Map<String, Object> importFile(@RequestHeader("Content-Type") String contentType, @RequestBody String body) {
            return Map.of("contentType", contentType, "body", body);
        }
    }
}
