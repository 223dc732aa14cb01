package io.callgate.delivery;

import io.callgate.CallgateApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A callgate node in a JVM of its own ({@code java -cp <main classes and dependencies>
 * CallgateApplication}), so that a test can kill it as a crash would: {@link #kill()} is
 * {@code Process.destroyForcibly()}, SIGKILL, with no shutdown hook run.
 */
final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private NodeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a node with these settings and waits until it is healthy. */
    static NodeProcess start(Path log, List<String> settings) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", mainClasspath(), CallgateApplication.class.getName(),
                "--server.port=" + port));
        command.addAll(settings);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NodeProcess node = new NodeProcess(process, log, port);
        node.awaitHealthy(Duration.ofMinutes(3));
        return node;
    }

    /** The test's classpath without the test classes, whose test configuration would replace the clock. */
    private static String mainClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Duration within) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node stopped while starting:\n" + tail());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the node was not healthy within " + within + ":\n" + tail());
    }

    /** Kills the JVM at once (SIGKILL): nothing of it runs any more, not even its shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The end of the node's log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }
}
