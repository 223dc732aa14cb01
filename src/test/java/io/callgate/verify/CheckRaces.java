package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.Parallel;
import io.callgate.support.RawVerify;
import io.callgate.support.RawVerify.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The races of security.md T-RACE-1 to 4, played over real HTTP against one callgate or several
 * nodes sharing one database. Request {@code i} of a race goes to node {@code i mod n}, so on a
 * cluster the contenders meet only in the database.
 */
final class CheckRaces {

    /** callgate's defaults, which every node of these races runs with. */
    static final int MAX_CHECKS = 5;
    static final int MAX_SENDS = 5;
    static final int MAX_FAILED_CHECKS_PER_DESTINATION = 20;

    private static final AtomicInteger numbers = new AtomicInteger(1000);

    private final List<RawVerify> nodes;

    CheckRaces(List<RawVerify> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** A fresh destination per race, so that no race spends another's per-destination caps. */
    static String freshNumber() {
        return "+1555020" + numbers.getAndIncrement();
    }

    private RawVerify node(int i) {
        return nodes.get(i % nodes.size());
    }

    private record Started(String service, String sid, String to, String code) {
    }

    /** A new service and a verification started through the first node, whose inbox holds the code. */
    private Started started() {
        RawVerify first = nodes.getFirst();
        String service = first.createService("Race");
        String to = freshNumber();
        Reply reply = first.start(service, to);
        assertThat(reply.http()).as("start").isEqualTo(201);
        return new Started(service, reply.sid(), to, first.server().lastCode(to));
    }

    /** Sends {@code count} requests together, request i through node i mod n. */
    private List<Reply> race(int count, IntFunction<Reply> request) {
        List<Callable<Reply>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.add(() -> request.apply(index));
        }
        return Parallel.run(tasks);
    }

    private static long count(List<Reply> replies, String summary) {
        return replies.stream().filter(r -> r.summary().equals(summary)).count();
    }

    /** T-RACE-1: 50 wrong codes at once spend exactly the 5 attempts; after them even the right code is refused. */
    void wrongChecksStopAtTheAttemptLimit() {
        Started v = started();
        String wrong = TwilioSdkCompatibilityTest.otherThan(v.code());

        List<Reply> replies = race(50, i -> node(i).check(v.service(), v.sid(), wrong));

        assertThat(replies).filteredOn(r -> r.http() == 200).hasSize(MAX_CHECKS).noneMatch(Reply::valid);
        // Refused ones say "out of attempts", or "waited too long for the number's lock": neither is counted.
        assertThat(replies).filteredOn(r -> r.http() != 200).extracting(Reply::summary)
                .allMatch(s -> s.equals("429/60202") || s.equals("429/60212"));
        assertThat(count(replies, "200 max_attempts_reached")).isEqualTo(1);
        assertThat(nodes.getFirst().outcome(v.sid()))
                .containsEntry("check_attempts", MAX_CHECKS).containsEntry("status", "max_attempts_reached");

        assertThat(node(1).check(v.service(), v.sid(), v.code()).summary()).isEqualTo("429/60202");
    }

    /**
     * T-RACE-1 with the right code in the crowd, five rounds: whatever the order, at most 5 checks
     * count, every counted check and only those got a 200, and the right code approves only while
     * attempts remain.
     */
    void rightCodeAmongWrongOnes() {
        // The order in which racers take the number's lock varies; with the right code at several
        // positions of the crowd, rounds see it win first, win late and lose to five wrong ones.
        for (int position : new int[] {0, 2, 4, 5, 30}) {
            rightCodeAmongWrongOnes(position);
        }
    }

    /** One round: the right code is request {@code rightIndex} of 51. */
    private void rightCodeAmongWrongOnes(int rightIndex) {
        Started v = started();
        String wrong = TwilioSdkCompatibilityTest.otherThan(v.code());

        List<Reply> replies = race(51, i -> node(i).check(v.service(), v.sid(), i == rightIndex ? v.code() : wrong));

        Reply right = replies.get(rightIndex);
        Map<String, Object> outcome = nodes.getFirst().outcome(v.sid());
        int counted = (Integer) outcome.get("check_attempts");
        assertThat(counted).isBetween(1, MAX_CHECKS).isEqualTo((int) replies.stream().filter(r -> r.http() == 200).count());
        // Each answer tells what that check did: a wrong code never reads "approved", even when the
        // right one approved the verification a moment later.
        assertThat(IntStream.range(0, replies.size()).filter(i -> i != rightIndex).mapToObj(replies::get))
                .noneMatch(Reply::valid).extracting(Reply::summary).doesNotContain("200 approved");
        assertThat(count(replies, "200 max_attempts_reached")).isLessThanOrEqualTo(1);
        assertThat(replies).filteredOn(r -> r.http() != 200).extracting(Reply::summary)
                .allMatch(s -> s.equals("404/20404") || s.equals("429/60202") || s.equals("429/60212"));
        if (right.http() == 200) {
            assertThat(right.summary()).isEqualTo("200 approved");
            assertThat(right.valid()).isTrue();
            assertThat(outcome).containsEntry("status", "approved");
        } else {
            assertThat(right.summary()).isIn("429/60202", "429/60212");
            assertThat(outcome.get("status")).isNotEqualTo("approved");
        }
    }

    /** T-RACE-2: 20 right codes at once approve exactly once; the others find nothing pending. */
    void rightChecksApproveOnce() {
        Started v = started();

        List<Reply> replies = race(20, i -> node(i).check(v.service(), v.sid(), v.code()));

        assertThat(count(replies, "200 approved")).isEqualTo(1);
        assertThat(replies).filteredOn(r -> r.http() != 200).extracting(Reply::summary)
                .allMatch(s -> s.equals("404/20404") || s.equals("429/60212"));
        assertThat(nodes.getFirst().outcome(v.sid()))
                .containsEntry("status", "approved").containsEntry("check_attempts", 1);
    }

    /**
     * T-RACE-3: 20 starts at once for one number make one verification, and every 201 is one
     * message, at most the per-verification send cap.
     */
    void startsMakeOneVerification() {
        String service = nodes.getFirst().createService("Race");
        String to = freshNumber();

        List<Reply> replies = race(20, i -> node(i).start(service, to));

        List<Reply> created = replies.stream().filter(r -> r.http() == 201).toList();
        assertThat(created).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_SENDS);
        assertThat(created).extracting(Reply::sid).containsOnly(created.getFirst().sid());
        assertThat(replies).filteredOn(r -> r.http() != 201).extracting(Reply::summary)
                .allMatch(s -> s.equals("429/60203") || s.equals("429/60212"));
        // Each node delivers the codes of the starts it served, into its own inbox.
        int messages = IntStream.range(0, nodes.size()).map(i -> nodes.get(i).server().inbox(to).size()).sum();
        assertThat(messages).isEqualTo(created.size());
        assertThat(nodes.getFirst().outcome(created.getFirst().sid())).containsEntry("send_attempts", created.size());
    }

    /**
     * T-RACE-4: wrong codes racing over five verifications of one number, sms and call, in five
     * services. The verifications could take 25; the number's failed-check cap stops them at 20.
     */
    void failuresAcrossVerificationsStopAtTheDestinationCap() {
        String to = freshNumber();
        List<Started> verifications = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String service = nodes.getFirst().createService("Race " + i);
            Reply reply = nodes.getFirst().start(service, to, Map.of("Channel", i % 2 == 0 ? "sms" : "call"), Map.of());
            assertThat(reply.http()).as("start").isEqualTo(201);
            verifications.add(new Started(service, reply.sid(), to, nodes.getFirst().server().lastCode(to)));
        }

        List<Reply> replies = race(50, i -> {
            Started v = verifications.get(i % verifications.size());
            return node(i / verifications.size()).check(v.service(), v.sid(), TwilioSdkCompatibilityTest.otherThan(v.code()));
        });

        long failed = replies.stream().filter(r -> r.http() == 200).count();
        assertThat(replies).noneMatch(Reply::valid);
        assertThat(replies).filteredOn(r -> r.http() != 200).extracting(Reply::summary)
                .allMatch(s -> s.equals("429/20429") || s.equals("429/60202") || s.equals("429/60212"));
        int counted = verifications.stream().mapToInt(v -> (Integer) nodes.getFirst().outcome(v.sid()).get("check_attempts"))
                .sum();
        assertThat(counted).isEqualTo(failed);
        // Only a request that gave up waiting for the number's lock may leave the cap unfilled.
        if (replies.stream().noneMatch(r -> r.code() == 60212)) {
            assertThat(failed).isEqualTo(MAX_FAILED_CHECKS_PER_DESTINATION);
        } else {
            assertThat(failed).isLessThanOrEqualTo(MAX_FAILED_CHECKS_PER_DESTINATION);
        }
    }
}
