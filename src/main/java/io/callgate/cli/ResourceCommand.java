package io.callgate.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code admin <resource> list|get|create|update|delete|import}: the same six commands for every collection. */
@Command(mixinStandardHelpOptions = true)
final class ResourceCommand {

    private final AdminResource resource;
    private final Terminal terminal;

    ResourceCommand(AdminResource resource, Terminal terminal) {
        this.resource = resource;
        this.terminal = terminal;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List them all.")
    int list(@Mixin ServerConnection server) {
        return call(server, "GET", resource.path(), null, null);
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one.")
    int get(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id) {
        return call(server, "GET", item(id), null, null);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create one from a JSON file ('-' reads standard input).")
    int create(@Mixin ServerConnection server, @Parameters(paramLabel = "FILE") String file) {
        return call(server, "POST", resource.path(), "application/json", read(file));
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Replace one with a JSON file ('-' reads standard input).")
    int update(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id,
               @Parameters(paramLabel = "FILE") String file) {
        return call(server, "PUT", item(id), "application/json", read(file));
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete one.")
    int delete(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id) {
        return call(server, "DELETE", item(id), null, null);
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import many from a file: YAML (.yaml, .yml), CSV (.csv) or JSON (.json), by its extension.")
    int importFile(@Mixin ServerConnection server, @Parameters(paramLabel = "FILE") String file,
                   @Option(names = "--content-type", paramLabel = "TYPE",
                           description = "Media type of the file when its extension does not tell.") String contentType) {
        String type = contentType != null ? contentType : mediaType(file);
        return call(server, "POST", resource.path() + "/import", type, read(file));
    }

    private int call(ServerConnection server, String method, String path, String contentType, byte[] body) {
        AdminClient client = new AdminClient(server.server, server.credentials(terminal));
        AdminClient.Reply reply = client.send(method, path, contentType, body);
        if (!reply.ok()) {
            terminal.err().println("error: " + method + " " + path + ": " + AdminClient.explain(reply));
            return 1;
        }
        String shown = AdminClient.pretty(reply.body());
        if (!shown.isEmpty()) {
            terminal.out().println(shown);
        } else if ("DELETE".equals(method)) {
            terminal.out().println("deleted " + path);
        }
        return 0;
    }

    /** The item's path; an id with slashes keeps them, each segment encoded. */
    private String item(String id) {
        String encoded = Arrays.stream(id.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
        return resource.path() + "/" + encoded;
    }

    private byte[] read(String file) {
        try {
            return "-".equals(file) ? readAll() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] readAll() throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = terminal.in().read(buffer)) > 0; ) {
            text.append(buffer, 0, n);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String mediaType(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return "application/yaml";
        }
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        throw new IllegalArgumentException("cannot tell the format of " + file + " from its extension; give --content-type");
    }
}
