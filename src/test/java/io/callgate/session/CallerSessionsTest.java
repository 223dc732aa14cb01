package io.callgate.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import io.callgate.support.Parallel;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CallgateTest
class CallerSessionsTest {

    @Autowired
    CallerSessions sessions;

    @Autowired
    MutableClock clock;

    @Test
    void recordsWhatACallerProvedAndWhen() {
        var opened = sessions.open("CA01", "+14155550100", "/voice/lines/board");
        assertThat(opened.proven()).isEmpty();
        assertThat(opened.claimedIdentity()).isNull();

        clock.advance(Duration.ofSeconds(5));
        var proofTime = clock.instant();
        sessions.prove("CA01", Factor.CALLER_ID);
        sessions.claim("CA01", "+14155550100");
        clock.advance(Duration.ofSeconds(20));
        sessions.prove("CA01", Factor.OTP);
        sessions.prove("CA01", Factor.CALLER_ID);

        var session = sessions.find("CA01").orElseThrow();
        assertThat(session.callerId()).isEqualTo("+14155550100");
        assertThat(session.line()).isEqualTo("/voice/lines/board");
        assertThat(session.claimedIdentity()).isEqualTo("+14155550100");
        assertThat(session.proven()).containsOnlyKeys(Factor.CALLER_ID, Factor.OTP);
        assertThat(session.proven().get(Factor.CALLER_ID)).isEqualTo(proofTime);
        assertThat(session.proven().get(Factor.OTP)).isEqualTo(proofTime.plusSeconds(20));
        assertThat(session.hasProven(Factor.PIN)).isFalse();
        assertThat(session.updated()).isEqualTo(proofTime.plusSeconds(20));

        // Opening again (the next webhook of the same call) keeps everything.
        assertThat(sessions.open("CA01", "+14155550100", "/voice/lines/board").proven()).hasSize(2);
        assertThat(sessions.find("CA-unknown")).isEmpty();
    }

    @Test
    void concurrentOpensAndProofsMakeOneSession() {
        var results = Parallel.run(Collections.nCopies(16, (Callable<CallerSession>) () -> {
            sessions.open("CA02", "+14155550101", "/voice/lines/x");
            sessions.prove("CA02", Factor.PIN);
            return sessions.find("CA02").orElseThrow();
        }));
        assertThat(results).allSatisfy(s -> assertThat(s.proven()).containsOnlyKeys(Factor.PIN));
    }
}
