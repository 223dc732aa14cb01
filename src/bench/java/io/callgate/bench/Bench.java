package io.callgate.bench;

import io.callgate.dev.CallSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The load client of {@code bench/run.sh}, against a callgate that the script started.
 *
 * <pre>
 * verify      --base=URL --account-sid=AC… --auth-token=… [--clients=64 --warmup=15 --duration=30 --store=H2]
 * deliveries  … --sink=smpp|http --sink-port=N [--path=first-try|retry]
 * voice       … --carrier-token=… [--calls=1000 --lines=100 --think=5]
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
            System.err.println("usage: Bench verify|deliveries|voice --key=value …");
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
            case "voice" -> bench.voice();
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

    /**
     * Signed webhooks of voice lines: the bare floor (one GET of a Service) and the {@code open} line's single
     * TwiML step at {@code clients} clients in a closed loop, then {@code verified} calls (answer, inbox read,
     * code) in a closed loop at {@code clients}, then {@code calls} concurrent calls paced by a caller's
     * {@code think} time.
     */
    private void voice() throws Exception {
        int calls = Integer.parseInt(options.getOrDefault("calls", "1000"));
        int lineCount = Integer.parseInt(options.getOrDefault("lines", "100"));
        Duration think = Duration.ofMillis(Math.round(Double.parseDouble(options.getOrDefault("think", "5")) * 1000));
        if (clients > calls) {
            throw new IllegalArgumentException("--clients (" + clients + ") may not exceed --calls (" + calls + "): one member per client");
        }
        String store = options.getOrDefault("store", "H2");
        String service = createService(false);
        BenchLines lines = BenchLines.create(api, required("base"), lineCount, calls, numbers);
        VoiceCalls voice = new VoiceCalls(CallSimulator.builder().token(required("carrier-token")).build(), api);
        System.out.printf("%d clients (closed loop), %d calls (paced, think %.1f s), %d verified lines, %d s warm-up,"
                + " %d s measured%n", clients, calls, think.toMillis() / 1000.0, lineCount, warmup.toSeconds(), duration.toSeconds());

        ClosedLoop.Result bare = ClosedLoop.run(clients, warmup, duration, timer -> {
            ApiClient.Response r = timer.time(() -> api.get("/v2/Services/" + service));
            return r.status() == 200 ? null : "GET Service " + r.status();
        });
        print("bare floor: GET /v2/Services/{VA}", bare);

        String from = lines.callers().getFirst().phone();
        ClosedLoop.Result open = ClosedLoop.run(clients, warmup, duration, timer -> voice.open(timer, lines.openUrl(), from));
        printSteps("open line: one signed webhook answered with the conference", open);

        ThreadLocal<BenchLines.Caller> closedCaller = callerOfClient(lines);
        ClosedLoop.Result closed = ClosedLoop.run(clients, warmup, duration,
                timer -> voice.verified(timer, closedCaller.get(), Duration.ZERO));
        printSteps("verified calls, closed loop (no think time)", closed);

        // A paced call lasts up to three mean pauses; the window opens only once calls are in their stride.
        Duration pacedWarmup = warmup.compareTo(think.multipliedBy(3)) >= 0 ? warmup : think.multipliedBy(3);
        ThreadLocal<BenchLines.Caller> pacedCaller = callerOfClient(lines);
        ClosedLoop.Result paced = ClosedLoop.run(calls, pacedWarmup, duration,
                timer -> voice.verified(timer, pacedCaller.get(), think));
        printSteps(calls + " verified calls, paced", paced);

        String thinking = String.format("%d calls, think %.1f s", calls, think.toMillis() / 1000.0);
        System.out.println();
        System.out.println("Markdown rows for BENCHMARKS.md:");
        System.out.println(voiceRow(store, "bare floor (GET Service)", "GET /v2/Services/{VA}", clients + " clients",
                bare.perSecond(), bare.requestMicros(), bare.errorCount()));
        System.out.println(stepRow(store, "open line", VoiceCalls.OPEN, clients + " clients", open));
        for (String step : List.of(VoiceCalls.ANSWER, VoiceCalls.CODE)) {
            System.out.println(stepRow(store, "verified, closed loop", step, clients + " clients", closed));
        }
        for (String step : List.of(VoiceCalls.ANSWER, VoiceCalls.CODE)) {
            System.out.println(stepRow(store, "verified, paced", step, thinking, paced));
        }
    }

    /** Each client thread calls as a member of its own, so that no two calls wait for the same member's code. */
    private static ThreadLocal<BenchLines.Caller> callerOfClient(BenchLines lines) {
        AtomicInteger next = new AtomicInteger();
        return ThreadLocal.withInitial(() -> lines.callers().get(next.getAndIncrement()));
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

    private void printSteps(String title, ClosedLoop.Result r) {
        // With think time a call lasts seconds, so fewer whole calls than steps fit in the window.
        System.out.printf("%s%n  %d whole calls inside the %.1f s window, errors %d %s%n", title, r.iterations(),
                r.elapsed().toNanos() / 1e9, r.errorCount(), r.errors());
        r.stepMicros().forEach((step, h) -> System.out.printf("  %-7s %6.0f/s  ms: p50 %s  p99 %s  p99.9 %s  max %s%n", step,
                r.perSecond(step), ms(h, 50), ms(h, 99), ms(h, 99.9), ms(h, 100)));
    }

    /** One webhook step of a voice scenario; the errors are the failed calls of the whole scenario. */
    private String stepRow(String store, String scenario, String step, String concurrency, ClosedLoop.Result r) {
        Histogram h = r.stepMicros().getOrDefault(step, new Histogram(3));
        String what = switch (step) {
            case VoiceCalls.OPEN -> "answer → Dial";
            case VoiceCalls.ANSWER -> "answer → code sent, Gather";
            case VoiceCalls.CODE -> "code → checked, Dial";
            default -> step;
        };
        return voiceRow(store, scenario, what, concurrency, r.stepMicros().containsKey(step) ? r.perSecond(step) : 0, h,
                r.errorCount());
    }

    private String voiceRow(String store, String scenario, String step, String concurrency, double perSecond, Histogram h,
                            long errors) {
        return String.format("| %s | %s | %s | %s | %s | %d s | %.0f | %s | %s | %s | %d | %s |", today(), store, scenario,
                step, concurrency, duration.toSeconds(), perSecond, ms(h, 50), ms(h, 99), ms(h, 99.9), errors, conditions);
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
