package io.callgate.voice.lines;

import io.callgate.limits.LimitHits;
import io.callgate.limits.SlidingWindow;
import io.callgate.limits.SubjectLocks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cap on failed entries (passcodes, PINs, codes) per line per hour, across all callers: caller IDs can be
 * spoofed, so per-caller limits alone let one attacker guess from many numbers (security.md BF-4).
 *
 * <p>An entry is admitted only while failures plus entries still being checked stay under the cap; the count and
 * the admission happen under the line's lock, so concurrent callers on any node cannot overshoot it. An entry
 * whose check never finished (a node died) holds its place until it leaves the one-hour window.
 */
@Component
class LineFailures {

    static final Duration WINDOW = Duration.ofHours(1);
    private static final String ENTERED = "line_entry";
    private static final String CHECKED = "line_entry_checked";
    private static final String FAILED = "line_entry_failed";

    private final SubjectLocks locks;
    private final SlidingWindow window;
    private final TransactionTemplate transactions;
    private final LimitHits hits;
    private final Clock clock;

    LineFailures(SubjectLocks locks, SlidingWindow window, TransactionTemplate transactions, LimitHits hits, Clock clock) {
        this.locks = locks;
        this.window = window;
        this.transactions = transactions;
        this.hits = hits;
        this.clock = clock;
    }

    /** Whether the line still takes entries; nothing is reserved. */
    boolean open(ConferenceLine line) {
        Instant now = clock.instant();
        String subject = subject(line);
        return used(subject, now) < line.maxFailuresPerHour();
    }

    /** Reserves a place for one entry to be checked; false when the line has reached its cap. */
    boolean admit(ConferenceLine line) {
        String subject = subject(line);
        Boolean admitted = transactions.execute(tx -> {
            locks.lock(subject);
            Instant now = clock.instant();
            if (used(subject, now) >= line.maxFailuresPerHour()) {
                return false;
            }
            window.record(subject, ENTERED, now);
            return true;
        });
        if (!Boolean.TRUE.equals(admitted)) {
            hits.hit("line-failures", "line " + line.path());
            return false;
        }
        return true;
    }

    /** Settles an admitted entry: it leaves the in-flight count, and counts as a failure when it was wrong. */
    void settle(ConferenceLine line, boolean failed) {
        String subject = subject(line);
        transactions.executeWithoutResult(tx -> {
            // Under the line's lock too: admit() counts failures and settled entries in separate statements, and
            // a settlement committing between them would show one entry fewer in flight and no new failure.
            locks.lock(subject);
            Instant now = clock.instant();
            window.record(subject, CHECKED, now);
            if (failed) {
                window.record(subject, FAILED, now);
            }
        });
    }

    private int used(String subject, Instant now) {
        int failed = window.count(subject, FAILED, now, WINDOW);
        int inFlight = Math.max(0, window.count(subject, ENTERED, now, WINDOW) - window.count(subject, CHECKED, now, WINDOW));
        return failed + inFlight;
    }

    private static String subject(ConferenceLine line) {
        return "voice-line:" + line.path();
    }
}
