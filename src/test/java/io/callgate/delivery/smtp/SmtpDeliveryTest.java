package io.callgate.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.VerificationAttempt;
import com.twilio.rest.verify.v2.service.Verification;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole callgate whose email channel is three SMTP providers in order: one whose server is
 * down, one that answers RCPT as each test tells it, and GreenMail. Codes started through the
 * official Twilio SDK fail over to GreenMail, or stop at a permanent refusal.
 */
@CallgateTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class SmtpDeliveryTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("callgate@example.com", "callgate", "s3cret"))
            .withPerMethodLifecycle(false);

    static SmtpStub stub;
    static int downPort;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) throws IOException {
        stub = SmtpStub.scripted();
        try (ServerSocket socket = new ServerSocket(0)) {
            downPort = socket.getLocalPort();
        }
        smtp(registry, "down", () -> downPort, Map.of());
        smtp(registry, "fussy", () -> stub.port(), Map.of());
        smtp(registry, "mail", () -> greenMail.getSmtp().getPort(), Map.of("username", "callgate", "password", "s3cret"));
        registry.add("callgate.delivery.channels.email", () -> "down,fussy,mail");
    }

    private static void smtp(DynamicPropertyRegistry registry, String id, java.util.function.Supplier<Object> port,
                             Map<String, String> more) {
        String prefix = "callgate.delivery.providers." + id + ".";
        registry.add(prefix + "type", () -> "smtp");
        registry.add(prefix + "host", () -> "127.0.0.1");
        registry.add(prefix + "port", port);
        registry.add(prefix + "security", () -> "none");
        registry.add(prefix + "from", () -> "verify@acme.example");
        registry.add(prefix + "from-name", () -> "Acme");
        registry.add(prefix + "timeout", () -> "2s");
        more.forEach((k, v) -> registry.add(prefix + k, () -> v));
    }

    @AfterAll
    static void stopStub() throws IOException {
        stub.close();
    }

    TestServer server;
    TwilioRestClient twilio;
    Service service;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        server = new TestServer(port);
        twilio = server.twilio();
        service = Service.creator("Acme <Labs>").create(twilio);
        stub.commands.clear();
    }

    @Test
    void aCodeFailsOverFromADownServerAndATemporaryRefusalToGreenMail(CapturedOutput output) throws Exception {
        stub.rcptReply("451 4.7.1 greylisted, try again later");
        String to = "ada@example.com";

        Verification started = Verification.creator(service.getSid(), to, "email").setLocale("fr").create(twilio);

        assertThat(started.getStatus()).isEqualTo("pending");
        assertThat(stub.commands).contains("RCPT").doesNotContain("DATA");
        assertThat(output.getAll()).contains("provider down could not take", "provider fussy could not take");
        MimeMessage mail = receivedBy(to);
        assertThat(mail.getSubject()).isEqualTo("Votre code de vérification Acme <Labs>");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Acme <verify@acme.example>");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
        assertThat(code.find()).isTrue();
        assertThat(text).startsWith("Votre code de vérification Acme <Labs> est :").contains("Il expire dans 10 minutes.")
                .contains("a***@example.com");
        assertThat(html).contains("<html lang=\"fr\">").contains("Acme &lt;Labs&gt;").doesNotContain("Acme <Labs>")
                .contains(">" + code.group(1) + "</p>");

        VerificationAttempt attempt = VerificationAttempt.reader().setVerificationSid(started.getSid()).read(twilio)
                .iterator().next();
        assertThat(((Map<?, ?>) attempt.getChannelData()).get("status")).isEqualTo("sent");
        assertThat(VerificationCheck.creator(service.getSid()).setTo(to).setCode(code.group(1)).create(twilio).getStatus())
                .isEqualTo("approved");
        assertThat(output.getAll()).doesNotContain(code.group(1));
    }

    @Test
    void aPermanentRefusalIsNotFailedOver(CapturedOutput output) {
        stub.rcptReply("550 5.1.1 <gone@example.com>: mailbox unavailable");
        String to = "gone@example.com";

        assertThatThrownBy(() -> Verification.creator(service.getSid(), to, "email").create(twilio))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo(60200);
                });

        assertThat(Arrays.stream(greenMail.getReceivedMessages()).filter(m -> addressedTo(m, to))).isEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) TestServer.json(
                server.get("/v2/Attempts?ChannelData.To=" + to).body()).get("attempts");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) attempts.getFirst().get("channel_data");
        assertThat(data).containsEntry("status", "failed").containsEntry("error_code", 550);
        assertThat(stub.commands).contains("RCPT").doesNotContain("DATA");
        assertThat(output.getAll()).contains("provider fussy refused");
    }

    private static MimeMessage receivedBy(String to) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                if (addressedTo(m, to)) {
                    return m;
                }
            }
            greenMail.waitForIncomingEmail(200, greenMail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no message reached GreenMail for " + to);
    }

    private static boolean addressedTo(MimeMessage m, String to) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(to));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
