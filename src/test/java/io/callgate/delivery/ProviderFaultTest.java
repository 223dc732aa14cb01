package io.callgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.dev.DevInbox;
import io.callgate.support.CallgateTest;
import io.callgate.support.RawVerify;
import io.callgate.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A provider that fails with an exception of its own (a bug, not a refusal of the message) is
 * treated as a retryable fault: the message fails over to the next provider, and the history of
 * tries keeps the fault.
 */
@CallgateTest
@Import(ProviderFaultTest.Faulty.class)
@TestPropertySource(properties = {
        "callgate.delivery.providers.broken.type=faulty",
        "callgate.delivery.channels.sms=broken,dev-inbox"})
@ExtendWith(OutputCaptureExtension.class)
class ProviderFaultTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Faulty {

        @Bean
        ProviderFactory faultyProviders() {
            return new TestProviderFactory("faulty", id -> new SmsOnlyProvider(id) {
                @Override
                public String send(OutboundMessage message) {
                    throw new IllegalStateException("a bug in the provider");
                }
            });
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DevInbox inbox;

    @Autowired
    DeliveryAttempts attempts;

    @Test
    void aProviderThatThrowsFailsOverToTheNextAndTheHistoryKeepsTheFault(CapturedOutput log) {
        RawVerify verify = new RawVerify(new TestServer(port));
        String service = verify.createService("Acme");

        RawVerify.Reply started = verify.start(service, "+15550601001");

        assertThat(started.http()).isEqualTo(201);
        assertThat(inbox.messages("+15550601001")).hasSize(1);
        @SuppressWarnings("unchecked")
        String attempt = (String) ((java.util.Map<String, Object>) ((java.util.List<?>) started.body().get("send_code_attempts"))
                .getFirst()).get("attempt_sid");
        assertThat(attempts.of(attempt)).extracting(a -> a.provider() + " " + a.status() + " " + a.error())
                .containsExactly("broken retryable IllegalStateException: a bug in the provider", "dev-inbox sent null");
        assertThat(log.getAll()).contains("provider broken failed on OutboundMessage[sms " + attempt + "]");
    }
}
