package io.callgate.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.callgate.delivery.Channel;
import io.callgate.delivery.DeliveryException;
import io.callgate.delivery.OutboundMessage;
import io.callgate.delivery.ProviderSettings;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP provider against GreenMail, a real SMTP server, and against small in-test peers. */
class SmtpProviderTest {

    static final MailTls TLS = MailTls.get(); // before GreenMail starts: it serves SMTPS with this certificate

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("callgate@example.com", "callgate", "s3cret"))
            .withPerMethodLifecycle(true);

    static final String CODE = "482913";

    static OutboundMessage email(String to) {
        return new OutboundMessage(Channel.EMAIL, to, "Tu código de verificación de Acme & Co",
                "Tu código de verificación de Acme & Co es:\n\n" + CODE + "\n\nCaduca en 10 minutos.", CODE,
                "VL00000000000000000000000000000001", "es", null,
                "<!DOCTYPE html><html lang=\"es\"><body><p>Acme &amp; Co</p><p><b>" + CODE + "</b></p></body></html>");
    }

    static SmtpProvider provider(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", String.valueOf(greenMail.getSmtp().getPort()));
        settings.put("security", "none");
        settings.put("username", "callgate");
        settings.put("password", "s3cret");
        settings.put("from", "verify@acme.example");
        settings.put("from-name", "Acme Verificación");
        settings.put("timeout", "2s");
        settings.putAll(overrides);
        return new SmtpProvider("mail", new ProviderSettings("mail", settings).bind(SmtpSettings.class).validated("mail"));
    }

    static MimeMessage received() {
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        return greenMail.getReceivedMessages()[0];
    }

    @Test
    void plainSmtpWithLoginSendsBothPartsFromTheSender() throws Exception {
        String messageId = provider(Map.of("reply-to", "help@acme.example")).send(email("ada@example.com"));

        MimeMessage mail = received();
        assertThat(mail.getMessageID()).isEqualTo(messageId).endsWith("@acme.example>");
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("verify@acme.example");
        assertThat(from.getPersonal()).isEqualTo("Acme Verificación");
        assertThat(mail.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("help@acme.example");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("ada@example.com");
        assertThat(mail.getSubject()).isEqualTo("Tu código de verificación de Acme & Co");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getHeader("Content-Language", null)).isEqualTo("es");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo(email("x").body());
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat((String) parts.getBodyPart(1).getContent()).isEqualTo(email("x").htmlBody());
    }

    @Test
    void aSubjectStaysOneHeader() throws Exception {
        OutboundMessage sneaky = new OutboundMessage(Channel.EMAIL, "ada@example.com", "Code\r\nBcc: mallory@example.com",
                "Your code: " + CODE, CODE, "VL1", "en", null, "<p>" + CODE + "</p>");
        provider(Map.of()).send(sneaky);

        MimeMessage mail = received();
        assertThat(mail.getSubject()).isEqualTo("Code Bcc: mallory@example.com");
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRefusedLoginIsRetryableSoTheNextProviderCanTry() {
        assertThatThrownBy(() -> provider(Map.of("password", "wrong")).send(email("ada@example.com")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("login").hasMessageNotContaining(CODE);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpsWithTheTestCertificateInTheTrustStore() throws Exception {
        provider(Map.of("security", "smtps", "port", String.valueOf(greenMail.getSmtps().getPort()),
                "trust-store", TLS.trustStore.toString(), "trust-store-password", MailTls.PASSWORD))
                .send(email("bob@example.com"));

        assertThat(received().getSubject()).isEqualTo("Tu código de verificación de Acme & Co");
    }

    @Test
    void smtpsRefusesACertificateItDoesNotTrust() {
        // The JDK's CAs do not know the test certificate: no message goes out over an untrusted link.
        assertThatThrownBy(() -> provider(Map.of("security", "smtps", "port", String.valueOf(greenMail.getSmtps().getPort())))
                .send(email("bob@example.com")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void starttlsUpgradesBeforeLoggingIn() throws Exception {
        try (SmtpStub front = SmtpStub.startTlsFront(TLS.serverContext(), greenMail.getSmtp().getPort())) {
            provider(Map.of("security", "starttls", "port", String.valueOf(front.port()),
                    "trust-store", TLS.trustStore.toString(), "trust-store-password", MailTls.PASSWORD))
                    .send(email("carol@example.com"));
        }

        MimeMessage mail = received();
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("carol@example.com");
    }

    @Test
    void starttlsNeverFallsBackToPlainText() {
        // GreenMail's plain port offers no STARTTLS: the login and the code must not go out unprotected.
        assertThatThrownBy(() -> provider(Map.of("security", "starttls")).send(email("carol@example.com")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsDownIsRetryable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> provider(Map.of("port", String.valueOf(closed))).send(email("ada@example.com")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("127.0.0.1:" + closed);
    }

    @Test
    void aServerThatNeverAnswersTimesOutRetryably() throws IOException {
        try (SmtpStub silent = SmtpStub.silent()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> provider(Map.of("port", String.valueOf(silent.port()), "username", "", "timeout", "500ms"))
                    .send(email("ada@example.com")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isRetryable()).isTrue());
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
        }
    }

    @Test
    void aPermanentRecipientRefusalKeepsTheReplyCode() throws IOException {
        try (SmtpStub stub = SmtpStub.scripted()) {
            stub.rcptReply("550 5.1.1 <nobody@example.com>: mailbox unavailable");
            assertThatThrownBy(() -> provider(Map.of("port", String.valueOf(stub.port()), "username", ""))
                    .send(email("nobody@example.com")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.errorCode()).isEqualTo("550");
                    })
                    .hasMessageContaining("mailbox unavailable").hasMessageNotContaining("nobody@example.com");
            assertThat(stub.commands).doesNotContain("DATA");
        }
    }

    @Test
    void aTemporaryRecipientRefusalIsRetryable() throws IOException {
        try (SmtpStub stub = SmtpStub.scripted()) {
            stub.rcptReply("451 4.3.0 try again later");
            assertThatThrownBy(() -> provider(Map.of("port", String.valueOf(stub.port()), "username", ""))
                    .send(email("ada@example.com")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.errorCode()).isNull();
                    });
        }
    }

    @Test
    void wrongSettingsStopTheStart() {
        assertThatThrownBy(() -> provider(Map.of("host", ""))).hasMessageContaining("provider mail: host is required");
        assertThatThrownBy(() -> provider(Map.of("from", "not an address"))).hasMessageContaining("from");
        assertThatThrownBy(() -> provider(Map.of("security", "tls"))).hasMessageContaining("none, starttls or smtps");
        assertThatThrownBy(() -> provider(Map.of("trust-store", "/no/such/store.p12"))).hasMessageContaining("trust-store");
        assertThatThrownBy(() -> provider(Map.of("port", "70000"))).hasMessageContaining("port");
    }

    @Test
    void thePortFollowsTheSecurityWhenUnset() {
        SmtpSettings bare = new ProviderSettings("m", Map.of("host", "mail.example", "from", "a@example.com"))
                .bind(SmtpSettings.class).validated("m");
        assertThat(bare.securityMode("m")).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(bare.effectivePort("m")).isEqualTo(587);
        assertThat(new ProviderSettings("m", Map.of("host", "h", "from", "a@example.com", "security", "SMTPS"))
                .bind(SmtpSettings.class).validated("m").effectivePort("m")).isEqualTo(465);
    }
}
