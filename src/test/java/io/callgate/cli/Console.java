package io.callgate.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process with a typed standard input, and keeps what it printed. */
final class Console {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Terminal terminal;

    Console(String typed, Map<String, String> env) {
        terminal = Terminal.of(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out, err, env);
    }

    int run(String... args) {
        return CallgateCommand.run(args, terminal);
    }

    int run(List<AdminResource> resources, String... args) {
        return CallgateCommand.commandLine(terminal, resources).execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
