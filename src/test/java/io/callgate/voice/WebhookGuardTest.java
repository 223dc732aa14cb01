package io.callgate.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.callgate.support.CallgateTest;
import io.callgate.support.Parallel;
import io.callgate.support.TestCarrier;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The guard in front of every /voice webhook: signatures, carriers, repeated deliveries. */
@CallgateTest
@Import(WebhookGuardTest.CountingFlow.class)
class WebhookGuardTest {

    /** A stand-in voice flow that counts how often it really runs. */
    @TestConfiguration(proxyBeanMethods = false)
    @RestController
    static class CountingFlow {

        final AtomicInteger runs = new AtomicInteger();

        @PostMapping(path = "/voice/test-flow", produces = Twiml.CONTENT_TYPE)
        String answer(@RequestParam("CallSid") String callSid) {
            return Twiml.response().say("Run " + runs.incrementAndGet() + " for " + callSid, Twiml.Voice.DEFAULT)
                    .hangup().toXml();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    CountingFlow flow;

    TestCarrier carrier;

    static final Map<String, String> CALL = TestCarrier.params("CallSid", "CA0123456789abcdef0123456789abcdef",
            "AccountSid", "AC00000000000000000000000000000009", "From", "+14155550100", "To", "+14155550199",
            "CallStatus", "in-progress", "Direction", "inbound");

    @BeforeEach
    void setUp() {
        carrier = new TestCarrier("http://127.0.0.1:" + port);
        flow.runs.set(0);
    }

    @Test
    void aSignedRequestIsAnsweredAndTheSignatureIsTwilios() {
        String url = carrier.url("/voice/test-flow?line=a%20b");
        assertThat(new RequestValidator(TestCarrier.TOKEN).validate(url, CALL, carrier.sign(url, CALL))).isTrue();

        var answer = carrier.post("/voice/test-flow?line=a%20b", CALL);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.said()).containsExactly("Run 1 for CA0123456789abcdef0123456789abcdef");
    }

    @Test
    void unsignedForgedAndTamperedRequestsAreRefusedBeforeTheFlowRuns() {
        String url = carrier.url("/voice/test-flow");
        String good = carrier.sign(url, CALL);

        assertThat(carrier.send(url, CALL, null, Map.of()).status()).isEqualTo(403);
        assertThat(carrier.send(url, CALL, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", Map.of()).status()).isEqualTo(403);
        assertThat(carrier.send(url, CALL, new TestCarrier("x", "another-token").sign(url, CALL), Map.of()).status())
                .isEqualTo(403);
        var tampered = new java.util.LinkedHashMap<>(CALL);
        tampered.put("Digits", "1234");
        assertThat(carrier.send(url, tampered, good, Map.of()).status()).isEqualTo(403);
        // Signed for another path or query: refused.
        assertThat(carrier.send(url + "?x=1", CALL, good, Map.of()).status()).isEqualTo(403);
        // A query parameter moved into the body changes what is signed.
        String withQuery = carrier.url("/voice/test-flow?Digits=1");
        var moved = new java.util.LinkedHashMap<>(CALL);
        moved.put("Digits", "1");
        assertThat(carrier.send(url, moved, carrier.sign(withQuery, CALL), Map.of()).status()).isEqualTo(403);

        assertThat(flow.runs).hasValue(0);
    }

    @Test
    void acceptsSignalWiresHeader() {
        String url = carrier.url("/voice/test-flow");
        var answer = carrier.send(url, CALL, null, Map.of("X-SignalWire-Signature", carrier.sign(url, CALL)));
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aRepeatedDeliveryGetsTheFirstAnswerWithoutRunningAgain() {
        var token = Map.of("I-Twilio-Idempotency-Token", "c7a1d3a2-9a57-4f0f-8a55-7f6d2b0c1e11");
        var first = carrier.post("/voice/test-flow", CALL, token);
        var again = carrier.post("/voice/test-flow", CALL, token);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers()).containsKey("x-callgate-replayed");
        assertThat(flow.runs).hasValue(1);

        // Another token is another request.
        carrier.post("/voice/test-flow", CALL, Map.of("I-Twilio-Idempotency-Token", "other"));
        assertThat(flow.runs).hasValue(2);
    }

    @Test
    void concurrentRepeatsRunTheFlowOnce() throws Exception {
        var token = Map.of("I-Twilio-Idempotency-Token", "race-7f6d2b0c");
        var answers = Parallel.run(java.util.Collections.nCopies(12,
                (java.util.concurrent.Callable<TestCarrier.Answer>) () -> carrier.post("/voice/test-flow", CALL, token)));
        assertThat(flow.runs).hasValue(1);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.said()).containsExactly("Run 1 for CA0123456789abcdef0123456789abcdef");
        });
    }

    @Test
    void aReusedTokenOnAnotherRequestIsRefused() {
        var token = Map.of("I-Twilio-Idempotency-Token", "reused-1");
        carrier.post("/voice/test-flow", CALL, token);
        var other = new java.util.LinkedHashMap<>(CALL);
        other.put("CallSid", "CAffffffffffffffffffffffffffffffff");
        assertThat(carrier.post("/voice/test-flow", other, token).status()).isEqualTo(422);
        assertThat(flow.runs).hasValue(1);
    }

    @Test
    void aForgedRepeatGetsNoStoredAnswer() {
        var token = Map.of("I-Twilio-Idempotency-Token", "forged-repeat");
        carrier.post("/voice/test-flow", CALL, token);
        String url = carrier.url("/voice/test-flow");
        var headers = new java.util.HashMap<>(token);
        assertThat(carrier.send(url, CALL, "bm90IGEgc2lnbmF0dXJl", headers).status()).isEqualTo(403);
    }
}
