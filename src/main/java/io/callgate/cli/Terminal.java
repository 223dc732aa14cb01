package io.callgate.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Where a command reads and writes, and the environment it sees: the real ones, or a test's. */
public record Terminal(BufferedReader in, PrintWriter out, PrintWriter err, Map<String, String> env) {

    public static Terminal system() {
        return of(System.in, System.out, System.err, System.getenv());
    }

    public static Terminal of(InputStream in, OutputStream out, OutputStream err, Map<String, String> env) {
        return new Terminal(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                new PrintWriter(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true, StandardCharsets.UTF_8),
                Map.copyOf(env));
    }
}
