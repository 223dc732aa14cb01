package io.callgate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A fixed number of clients, each sending its next request as soon as the last one answered
 * (a closed loop, as a pool of application threads calls an API). Only iterations and requests that
 * start and end inside the measured window count, and errors that end an iteration inside it;
 * latencies go to HdrHistograms in microseconds.
 */
final class ClosedLoop {

    /** One iteration of one client; answers null when it went as expected, else what went wrong. */
    interface Iteration {
        String run(Timer timer) throws Exception;
    }

    /** Times the single requests inside an iteration. */
    interface Timer {
        <T> T time(Request<T> request) throws Exception;

        /** Records a request timed by the caller (between the two {@link System#nanoTime()}s) as one of a named step. */
        void record(String step, long startNanos, long endNanos);
    }

    interface Request<T> {
        T send() throws Exception;
    }

    /**
     * @param iterations good iterations inside the measured window
     * @param allGood good iterations in all, also those that ran over the window's edges
     * @param stepMicros the requests recorded by step name
     */
    record Result(long iterations, long allGood, Map<String, Long> errors, Histogram iterationMicros,
                  Histogram requestMicros, Map<String, Histogram> stepMicros, Duration elapsed) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double perSecond() {
            return iterations / (elapsed.toNanos() / 1e9);
        }

        /** Requests of one step per second of the window. */
        double perSecond(String step) {
            return stepMicros.get(step).getTotalCount() / (elapsed.toNanos() / 1e9);
        }

        /** Errors whose description starts with the step's name. */
        long errorCount(String step) {
            return errors.entrySet().stream().filter(e -> e.getKey().startsWith(step + " ")).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private static final long MAX_MICROS = Duration.ofMinutes(2).toNanos() / 1000;

    private volatile boolean measuring;
    private volatile boolean stopped;
    private volatile long windowStart;
    private volatile long windowEnd = Long.MAX_VALUE;
    private final Recorder iterations = new Recorder(MAX_MICROS, 3);
    private final Recorder requests = new Recorder(MAX_MICROS, 3);
    private final Map<String, Recorder> steps = new ConcurrentHashMap<>();
    private final LongAdder completed = new LongAdder();
    private final LongAdder allGood = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    private ClosedLoop() {
    }

    static Result run(int clients, Duration warmup, Duration duration, Iteration iteration) throws InterruptedException {
        return new ClosedLoop().execute(clients, warmup, duration, iteration);
    }

    private Result execute(int clients, Duration warmup, Duration duration, Iteration iteration) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().name("client-" + i).start(() -> loop(iteration)));
        }
        Thread.sleep(warmup);
        windowStart = System.nanoTime();
        measuring = true;
        iterations.reset();
        requests.reset();
        Thread.sleep(duration);
        windowEnd = System.nanoTime();
        stopped = true;
        for (Thread thread : threads) {
            thread.join();
        }
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
        Map<String, Histogram> stepMicros = new TreeMap<>();
        steps.forEach((step, recorder) -> stepMicros.put(step, recorder.getIntervalHistogram()));
        return new Result(completed.sum(), allGood.sum(), errorCounts, iterations.getIntervalHistogram(), requests.getIntervalHistogram(),
                stepMicros, Duration.ofNanos(windowEnd - windowStart));
    }

    private void loop(Iteration iteration) {
        Timer timer = new Timer() {
            @Override
            public <T> T time(Request<T> request) throws Exception {
                long start = System.nanoTime();
                T answer = request.send();
                record(null, start, System.nanoTime());
                return answer;
            }

            @Override
            public void record(String step, long start, long end) {
                if (!counts(start, end)) {
                    return;
                }
                long micros = Math.min(MAX_MICROS, (end - start) / 1000);
                requests.recordValue(micros);
                if (step != null) {
                    steps.computeIfAbsent(step, s -> new Recorder(MAX_MICROS, 3)).recordValue(micros);
                }
            }
        };
        while (!stopped) {
            long start = System.nanoTime();
            String error;
            try {
                error = iteration.run(timer);
            } catch (Exception e) {
                error = e.getClass().getSimpleName();
            }
            long end = System.nanoTime();
            if (error == null) {
                allGood.increment();
            }
            if (error == null && counts(start, end)) {
                completed.increment();
                iterations.recordValue(Math.min(MAX_MICROS, (end - start) / 1000));
            } else if (error != null && counts(end, end)) {
                // An error counts when it happens inside the window, also in an iteration that began before it.
                errors.computeIfAbsent(error, k -> new LongAdder()).increment();
            }
        }
    }

    private boolean counts(long start, long end) {
        return measuring && start >= windowStart && end <= windowEnd;
    }
}
