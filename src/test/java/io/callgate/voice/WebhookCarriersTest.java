package io.callgate.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.TestCarrier;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Behind a proxy or tunnel: the signed URL is the public one, not the one the request arrived on; and each path
 * is checked with the token of the carrier that serves it.
 */
@CallgateTest
@TestPropertySource(properties = {
        "callgate.public-base-url=https://voice.example.org/",
        "callgate.voice.carriers.signalwire.auth-token=" + WebhookCarriersTest.SIGNALWIRE_KEY,
        "callgate.voice.carriers.test.previous-auth-token=" + WebhookCarriersTest.OLD_TOKEN,
        "callgate.voice.default-carrier=test"})
@Import(WebhookCarriersTest.Flows.class)
class WebhookCarriersTest {

    static final String SIGNALWIRE_KEY = "PSK_signalwire_signing_key_42";
    static final String OLD_TOKEN = "the-token-before-rotation";

    @TestConfiguration(proxyBeanMethods = false)
    @RestController
    static class Flows {

        @PostMapping(path = {"/voice/default-flow", "/voice/sw/flow"}, produces = Twiml.CONTENT_TYPE)
        String answer() {
            return Twiml.response().hangup().toXml();
        }

        @Bean
        CarrierAssignment signalWirePaths() {
            return path -> path.startsWith("/voice/sw/") ? Optional.of("signalwire") : Optional.empty();
        }
    }

    @LocalServerPort
    int port;

    String local;

    static final Map<String, String> CALL = TestCarrier.params("CallSid", "CA1", "From", "+14155550100");

    @BeforeEach
    void setUp() {
        local = "http://127.0.0.1:" + port;
    }

    private int post(String token, String path, String signedBase) {
        TestCarrier carrier = new TestCarrier(signedBase, token);
        String signature = carrier.sign(signedBase + path, CALL);
        return carrier.send(local + path, CALL, signature, Map.of()).status();
    }

    @Test
    void checksTheUrlTheCarrierCalled() {
        assertThat(post(TestCarrier.TOKEN, "/voice/default-flow", "https://voice.example.org")).isEqualTo(200);
        assertThat(post(TestCarrier.TOKEN, "/voice/default-flow", "https://voice.example.org:443")).isEqualTo(200);
        assertThat(post(TestCarrier.TOKEN, "/voice/default-flow", local)).isEqualTo(403);
        assertThat(post(TestCarrier.TOKEN, "/voice/default-flow", "https://attacker.example")).isEqualTo(403);
    }

    @Test
    void eachPathIsCheckedWithItsCarriersToken() {
        assertThat(post(SIGNALWIRE_KEY, "/voice/sw/flow", "https://voice.example.org")).isEqualTo(200);
        assertThat(post(TestCarrier.TOKEN, "/voice/sw/flow", "https://voice.example.org")).isEqualTo(403);
        assertThat(post(SIGNALWIRE_KEY, "/voice/default-flow", "https://voice.example.org")).isEqualTo(403);
    }

    @Test
    void thePreviousTokenStillWorksDuringARotation() {
        assertThat(post(OLD_TOKEN, "/voice/default-flow", "https://voice.example.org")).isEqualTo(200);
        assertThat(post("never-configured", "/voice/default-flow", "https://voice.example.org")).isEqualTo(403);
    }
}
