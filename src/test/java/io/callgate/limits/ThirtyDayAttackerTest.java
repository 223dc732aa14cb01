package io.callgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import io.callgate.support.RawVerify;
import io.callgate.support.RawVerify.Reply;
import io.callgate.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * security.md BF-1: an attacker guesses codes for one phone number for 30 simulated days, through
 * two services, from a new IP address on every request. Per-verification limits alone would give
 * them five fresh guesses every few minutes; the per-destination caps must hold them to
 * {@code max-failed-checks-per-destination} wrong codes and {@code max-sends-per-destination}
 * messages in every rolling 24 hours, and must lapse once they stop.
 */
// Moves the shared clock a month ahead: give later classes a fresh context.
@CallgateTest
@DirtiesContext
class ThirtyDayAttackerTest {

    private static final String VICTIM = "+15550300001";
    private static final Duration DAY = Duration.ofHours(24);
    /** Shorter than the 10-minute code validity, so the attacker also meets resends of pending codes. */
    private static final Duration STEP = Duration.ofMinutes(7);
    /** While capped, the attacker still tries every few hours, not only when Retry-After says. */
    private static final Duration POLL = Duration.ofHours(3);

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    LimitProperties limits;

    private TestServer server;
    private RawVerify api;
    private final Set<String> sentCodes = new HashSet<>();
    private final List<Instant> failedChecks = new ArrayList<>();
    private int accepted;
    private int requests;
    private int guesses;

    @Test
    void rotatingIpsOverTwoServicesGetNoMoreThanTheDailyCapsAndTheOwnerGetsInAfterwards() {
        server = new TestServer(port);
        api = new RawVerify(server);
        String bank = api.createService("Bank");
        String shop = api.createService("Shop");
        // The bank meters end-user IPs as Twilio advises (2 starts per IP an hour); a new IP per request walks around it.
        api.addBucket(bank, "end_user_ip_address", 2, 3600);

        Instant end = clock.instant().plus(Duration.ofDays(30));
        while (clock.instant().isBefore(end)) {
            clock.advance(round(List.of(bank, shop)));
        }

        // What reached the phone: one message per accepted start, each stamped with the (moved) clock.
        List<Instant> sends = server.inbox(VICTIM).stream().map(m -> Instant.parse(m.sentAt())).toList();
        assertThat(sends).hasSize(accepted);
        // The attacker fills each cap (so the test has teeth) and never gets past it.
        assertThat(busiestDay(sends)).isEqualTo(limits.maxSendsPerDestination());
        assertThat(busiestDay(failedChecks)).isEqualTo(limits.maxFailedChecksPerDestination());
        // The caps roll, they do not lock: the attacker got guesses on each of the 30 days, and never more than the cap.
        assertThat(failedChecks.size()).isBetween(limits.maxFailedChecksPerDestination() * 29,
                limits.maxFailedChecksPerDestination() * 30);

        // A day after the attacker stops, the owner verifies at the first try.
        clock.advance(DAY);
        assertThat(api.start(bank, VICTIM).http()).isEqualTo(201);
        Reply owner = api.checkTo(bank, VICTIM, server.lastCode(VICTIM), Map.of());
        assertThat(owner.summary()).isEqualTo("200 approved");
        assertThat(owner.valid()).isTrue();
    }

    /**
     * One round of the attack, as fast as the API allows: (re)send on every service, then guess on
     * each until refused. Returns how long the attacker waits before the next round: a few
     * minutes while anything gets through; once both sends are capped, what Retry-After says
     * (but at least a minute and at most {@link #POLL}).
     */
    private Duration round(List<String> services) {
        boolean progressed = false;
        boolean sendsCapped = true;
        Duration soonest = POLL;
        for (String service : services) {
            String ip = nextIp();
            Reply started = api.start(service, VICTIM, Map.of("RateLimits", "{\"end_user_ip_address\":\"" + ip + "\"}"),
                    Map.of("X-Forwarded-For", ip));
            if (started.http() == 201) {
                accepted++;
                progressed = true;
                sentCodes.add(server.lastCode(VICTIM));
            } else {
                assertThat(started.summary()).as("refused start").isIn("429/60203", "429/20429");
            }
            sendsCapped &= started.code() == 20429;
            soonest = soonest(soonest, started);
        }
        for (String service : services) {
            Reply checked;
            do {
                checked = api.checkTo(service, VICTIM, wrongGuess(), Map.of("X-Forwarded-For", nextIp()));
                if (checked.http() == 200) {
                    assertThat(checked.valid()).isFalse();
                    assertThat(checked.status()).isIn("pending", "max_attempts_reached");
                    failedChecks.add(clock.instant());
                    progressed = true;
                } else {
                    assertThat(checked.summary()).as("refused check").isIn("404/20404", "429/60202", "429/20429");
                }
                soonest = soonest(soonest, checked);
            } while (checked.summary().equals("200 pending"));
        }
        // Without a new send nothing changes but the destination windows, which Retry-After times.
        if (progressed || !sendsCapped) {
            return STEP;
        }
        return soonest.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : soonest;
    }

    private static Duration soonest(Duration soonest, Reply reply) {
        return reply.code() == 20429 && reply.retryAfter().compareTo(soonest) < 0 ? reply.retryAfter() : soonest;
    }

    /** A new client address for every request: 10.0.0.0/8 has room for all of them. */
    private String nextIp() {
        int n = ++requests;
        return "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
    }

    /**
     * The attacker walks the code space in order. Codes the phone received are skipped, so that no
     * guess is right by luck and every counted check is a failed one.
     */
    private String wrongGuess() {
        String guess;
        do {
            guess = "%06d".formatted(guesses++ % 1_000_000);
        } while (sentCodes.contains(guess));
        return guess;
    }

    /** The most events in any rolling window {@code (t - 24h, t]}, the window the caps count in. */
    private static int busiestDay(List<Instant> events) {
        List<Instant> sorted = events.stream().sorted().toList();
        int busiest = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).isAfter(sorted.get(last).minus(DAY))) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }
}
