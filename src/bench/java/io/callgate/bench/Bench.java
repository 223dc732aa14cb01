package io.callgate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * The load client of {@code bench/run.sh}, against a callgate that the script started.
 *
 * <pre>
 * verify      --base=URL --account-sid=AC… --auth-token=… [--clients=64 --warmup=15 --duration=30 --store=H2]
 * deliveries  … --sink=smpp|http --sink-port=N [--path=first-try|retry]
 * </pre>
 */
public final class Bench {

    private final Map<String, String> options;
    private final ApiClient api;
    private final int clients;
    private final Duration warmup;
    private final Duration duration;
    private final String conditions;
    private final PhoneNumbers numbers = new PhoneNumbers();

    private Bench(Map<String, String> options) throws Exception {
        this.options = options;
        this.api = new ApiClient(required("base"), required("account-sid"), required("auth-token"));
        this.clients = Integer.parseInt(options.getOrDefault("clients", "64"));
        this.warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "15")));
        this.duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "30")));
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        String note = options.getOrDefault("note", "");
        this.conditions = "load avg " + load + " at start" + (note.isBlank() ? "" : "; " + note);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench verify|deliveries --key=value …");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i].replaceFirst("^--", "");
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        Bench bench = new Bench(options);
        switch (args[0]) {
            case "verify" -> bench.verify();
            case "deliveries" -> bench.deliveries();
            default -> {
                System.err.println("unknown scenario " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /** The bare floor (two GETs of a Service per iteration), then start + check pairs. */
    private void verify() throws Exception {
        String service = createService(true);
        String store = options.getOrDefault("store", "H2");
        System.out.printf("%d clients, %d s warm-up, %d s measured, service %s%n", clients, warmup.toSeconds(),
                duration.toSeconds(), service);

        ClosedLoop.Result bare = ClosedLoop.run(clients, warmup, duration, timer -> {
            for (int i = 0; i < 2; i++) {
                ApiClient.Response r = timer.time(() -> api.get("/v2/Services/" + service));
                if (r.status() != 200) {
                    return "GET Service " + r.status();
                }
            }
            return null;
        });
        print("bare floor: 2 x GET /v2/Services/{VA}", bare);

        String verifications = "/v2/Services/" + service + "/Verifications";
        String check = "/v2/Services/" + service + "/VerificationCheck";
        ClosedLoop.Result pairs = ClosedLoop.run(clients, warmup, duration, timer -> {
            String to = numbers.next();
            String code = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            ApiClient.Response started = timer.time(() -> api.post(verifications,
                    Map.of("To", to, "Channel", "sms", "CustomCode", code)));
            if (started.status() != 201) {
                return "start " + started.status() + " " + errorCode(started);
            }
            ApiClient.Response checked = timer.time(() -> api.post(check, Map.of("To", to, "Code", code)));
            if (checked.status() != 200) {
                return "check " + checked.status() + " " + errorCode(checked);
            }
            return "approved".equals(checked.field("status")) ? null : "check answered " + checked.field("status");
        });
        print("pairs: start + check", pairs);

        System.out.println();
        System.out.println("Markdown rows for BENCHMARKS.md:");
        System.out.println(row(store, "bare floor (2 x GET Service)", bare));
        System.out.println(row(store, "pair (start + check)", pairs));
    }

    /** Verification starts through a real provider; deliveries counted where they arrive. */
    private void deliveries() throws Exception {
        String sink = required("sink");
        int port = Integer.parseInt(required("sink-port"));
        boolean retry = "retry".equals(options.getOrDefault("path", "first-try"));
        Acceptances acceptances = new Acceptances(retry);
        AutoCloseable server;
        if (sink.equals("smpp")) {
            BenchSmsc smsc = new BenchSmsc(port, acceptances);
            server = smsc;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (smsc.binds() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("callgate did not bind to the bench SMSC within 60 s");
                }
                Thread.sleep(100);
            }
        } else {
            server = new MessagesStub(port, acceptances);
        }
        try (server) {
            String service = createService(false);
            String verifications = "/v2/Services/" + service + "/Verifications";
            ClosedLoop.Iteration start = timer -> {
                ApiClient.Response r = timer.time(() -> api.post(verifications,
                        Map.of("To", numbers.next(), "Channel", "sms")));
                return r.status() == 201 ? null : "start " + r.status() + " " + errorCode(r);
            };
            System.out.printf("%d clients, %d s warm-up, %d s measured, sink %s, %s path%n", clients,
                    warmup.toSeconds(), duration.toSeconds(), sink, retry ? "retry" : "first-try");

            ClosedLoop.Result warm = ClosedLoop.run(clients, Duration.ZERO, warmup, start);
            awaitAccepted(acceptances, warm.allGood(), "warm-up");

            long before = acceptances.accepted();
            long t0 = System.nanoTime();
            ClosedLoop.Result run = ClosedLoop.run(clients, Duration.ZERO, duration, start);
            long loadEnd = System.nanoTime();
            awaitAccepted(acceptances, before + run.allGood(), "measured run");
            long delivered = acceptances.accepted() - before;
            double seconds = (acceptances.lastNanos() - t0) / 1e9;
            System.out.printf("starts: %d ok in the %.1f s window = %.0f/s; errors %d %s%n", run.iterations(),
                    run.elapsed().toNanos() / 1e9, run.perSecond(), run.errorCount(), run.errors());
            System.out.printf("deliveries: %d (every successful start), the last %.1f s after the load began and %.1f s"
                            + " after it ended = %.0f/s; %d retryable refusals%n", delivered, seconds,
                    Math.max(0, acceptances.lastNanos() - loadEnd) / 1e9, delivered / seconds, acceptances.refused());
            System.out.printf("start latency ms: p50 %s  p99 %s  p99.9 %s  max %s%n", ms(run.iterationMicros(), 50),
                    ms(run.iterationMicros(), 99), ms(run.iterationMicros(), 99.9), ms(run.iterationMicros(), 100));
            // bench/run.sh divides the database's counters by this (warm-up included, as the counters are).
            System.out.printf("messages in all: %d%n", acceptances.accepted());
            System.out.println();
            System.out.println("Markdown row for BENCHMARKS.md:");
            System.out.printf("| %s | %s | %s | %s | %d | %d s | %.0f | %.0f | %s | %s | %d | %s |%n", today(),
                    options.getOrDefault("store", "H2"), sink.equals("smpp") ? "SMPP (jSMPP SMSC)" : "HTTP (Twilio-like stub)",
                    retry ? "retry poller" : "first try", clients, duration.toSeconds(), run.perSecond(),
                    delivered / seconds, ms(run.iterationMicros(), 50), ms(run.iterationMicros(), 99), run.errorCount(),
                    conditions);
        }
    }

    private static void awaitAccepted(Acceptances acceptances, long expected, String phase) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (acceptances.accepted() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(phase + ": only " + acceptances.accepted() + " of " + expected
                        + " messages arrived within 5 minutes");
            }
            Thread.sleep(20);
        }
    }

    private String createService(boolean customCode) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("FriendlyName", "Bench");
        if (customCode) {
            form.put("CustomCodeEnabled", "true");
        }
        ApiClient.Response r = api.post("/v2/Services", form);
        if (r.status() != 201) {
            throw new IllegalStateException("creating the service answered " + r.status() + ": " + r.body());
        }
        return r.field("sid");
    }

    private void print(String title, ClosedLoop.Result r) {
        Histogram it = r.iterationMicros();
        Histogram req = r.requestMicros();
        System.out.printf("%s%n  %d ok in %.1f s = %.0f/s, errors %d %s%n", title, r.iterations(),
                r.elapsed().toNanos() / 1e9, r.perSecond(), r.errorCount(), r.errors());
        System.out.printf("  per iteration ms: p50 %s  p99 %s  p99.9 %s  max %s%n", ms(it, 50), ms(it, 99), ms(it, 99.9),
                ms(it, 100));
        System.out.printf("  per request   ms: p50 %s  p99 %s  p99.9 %s  max %s%n", ms(req, 50), ms(req, 99),
                ms(req, 99.9), ms(req, 100));
    }

    private String row(String store, String scenario, ClosedLoop.Result r) {
        Histogram it = r.iterationMicros();
        return String.format("| %s | %s | %s | %d | %d s | %.0f | %s | %s | %s | %d | %s |", today(), store, scenario,
                clients, duration.toSeconds(), r.perSecond(), ms(it, 50), ms(it, 99), ms(it, 99.9), r.errorCount(),
                conditions);
    }

    private static String ms(Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            return "-";
        }
        long micros = percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
        return String.format("%.1f", micros / 1000.0);
    }

    private static String errorCode(ApiClient.Response r) {
        int at = r.body().indexOf("\"code\":");
        return at < 0 ? "" : r.body().substring(at + 7, Math.min(r.body().length(), at + 12)).replaceAll("[^0-9]", "");
    }

    private static String today() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).toString().replace("T", " ").replace(":00Z", " UTC");
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
