package io.callgate.verify;

import io.callgate.support.CallgateTest;
import io.callgate.support.RawVerify;
import io.callgate.support.TestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Checks and starts racing on one callgate over real HTTP: the attempt and send caps hold however
 * many requests for one verification or one number arrive at the same moment (security.md T-RACE-1 to 4).
 */
@CallgateTest
class ConcurrentChecksTest {

    @LocalServerPort
    int port;

    CheckRaces races;

    @BeforeEach
    void connect() {
        races = new CheckRaces(List.of(new RawVerify(new TestServer(port))));
    }

    @Test
    void fiftyWrongChecksAtOnceCountFiveAndThenTheRightCodeIsRefused() {
        races.wrongChecksStopAtTheAttemptLimit();
    }

    @Test
    void theRightCodeRacingFiftyWrongOnesApprovesOnlyWhileAttemptsRemain() {
        races.rightCodeAmongWrongOnes();
    }

    @Test
    void twentyRightChecksAtOnceApproveExactlyOnce() {
        races.rightChecksApproveOnce();
    }

    @Test
    void fiftyWrongChecksOverFiveVerificationsOfOneNumberStopAtItsDailyCap() {
        races.failuresAcrossVerificationsStopAtTheDestinationCap();
    }

    @Test
    void twentyStartsAtOnceMakeOneVerificationAndAtMostFiveMessages() {
        races.startsMakeOneVerification();
    }
}
