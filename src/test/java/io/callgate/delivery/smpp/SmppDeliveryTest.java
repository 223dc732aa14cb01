package io.callgate.delivery.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callgate.delivery.Providers;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole callgate whose sms channel is an SMPP provider bound to {@link SmscStub}: a verification
 * started through the API goes out as submit_sm, and the SMSC's receipt shows on its attempt.
 */
@CallgateTest
@DirtiesContext
class SmppDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static SmscStub smsc;

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry registry) throws IOException {
        smsc = SmscStub.start(0);
        registry.add("callgate.delivery.providers.smsc.type", () -> "smpp");
        registry.add("callgate.delivery.providers.smsc.host", () -> "127.0.0.1");
        registry.add("callgate.delivery.providers.smsc.port", smsc::port);
        registry.add("callgate.delivery.providers.smsc.system-id", () -> "callgate");
        registry.add("callgate.delivery.providers.smsc.password", () -> "secret");
        registry.add("callgate.delivery.providers.smsc.source-address", () -> "Callgate");
        registry.add("callgate.delivery.channels.sms", () -> "smsc");
    }

    @AfterAll
    static void stopSmsc() throws IOException {
        smsc.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Providers providers;

    TestServer server;

    @BeforeEach
    void bound() {
        server = new TestServer(port);
        smsc.reset();
        await().atMost(WAIT).until(((SmppProvider) providers.byId("smsc"))::bound);
    }

    @Test
    void theReceiptMarksTheAttemptDelivered() throws Exception {
        String service = server.createService("Acme");

        HttpResponse<String> started = server.form("/v2/Services/" + service + "/Verifications",
                Map.of("To", "+15557654321", "Channel", "sms"));

        assertThat(started.statusCode()).isEqualTo(201);
        SmscStub.Submit submit = smsc.awaitSubmit(WAIT);
        assertThat(submit.destination()).isEqualTo("15557654321");
        assertThat(submit.dataCoding()).isZero();
        assertThat(new String(submit.shortMessage(), StandardCharsets.US_ASCII))
                .matches("Your Acme verification code is: \\d{6}\\. It expires in 10 minutes\\.");
        String attempt = attemptSid(started);
        await().atMost(WAIT).untilAsserted(() -> assertThat(channelData(attempt))
                .containsEntry("status", "delivered").containsEntry("error_code", null));
    }

    @Test
    void anUndeliveredReceiptKeepsTheSmscError() throws Exception {
        smsc.receipts("UNDELIV", "034");
        String service = server.createService("Acme");

        HttpResponse<String> started = server.form("/v2/Services/" + service + "/Verifications",
                Map.of("To", "+15557654322", "Channel", "sms"));

        assertThat(started.statusCode()).isEqualTo(201);
        String attempt = attemptSid(started);
        await().atMost(WAIT).untilAsserted(() -> assertThat(channelData(attempt))
                .containsEntry("status", "undelivered").containsEntry("error_code", 34));
    }

    @Test
    void aDestinationTheSmscRefusesIsRefusedThroughTheApi() throws Exception {
        String service = server.createService("Acme");
        smsc.refuseNextSubmit(0x0B); // ESME_RINVDSTADR

        HttpResponse<String> started = server.form("/v2/Services/" + service + "/Verifications",
                Map.of("To", "+15557654323", "Channel", "sms"));

        assertThat(started.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(started.body())).containsEntry("code", 60200);
    }

    @SuppressWarnings("unchecked")
    private static String attemptSid(HttpResponse<String> started) {
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) TestServer.json(started.body()).get("send_code_attempts");
        return (String) attempts.getFirst().get("attempt_sid");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> channelData(String attemptSid) {
        HttpResponse<String> attempt = server.get("/v2/Attempts/" + attemptSid);
        assertThat(attempt.statusCode()).isEqualTo(200);
        return (Map<String, Object>) TestServer.json(attempt.body()).get("channel_data");
    }
}
