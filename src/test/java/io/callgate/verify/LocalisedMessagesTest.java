package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.VerificationAttempt;
import com.twilio.rest.verify.v2.service.Verification;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The language of a code message, chosen through the official twilio-java SDK: the Locale
 * parameter first, then the destination's country; the code in it still verifies.
 */
@CallgateTest
class LocalisedMessagesTest {

    TestServer server;
    TwilioRestClient twilio;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        server = new TestServer(port);
        twilio = server.twilio();
    }

    @Test
    void localeEsWritesTheSmsInSpanish() {
        Service service = Service.creator("Acme").setDoNotShareWarningEnabled(true).create(twilio);
        String to = "+15550301001";

        Verification started = Verification.creator(service.getSid(), to, "sms").setLocale("es").create(twilio);

        TestServer.InboxMessage sms = server.inbox(to).getFirst();
        assertThat(sms.body()).isEqualTo("Tu código de verificación de Acme es: " + sms.code()
                + ". Caduca en 10 minutos. No compartas este código con nadie; nunca te lo pediremos.");
        VerificationAttempt attempt = VerificationAttempt.reader().setVerificationSid(started.getSid()).read(twilio)
                .iterator().next();
        assertThat(((java.util.Map<?, ?>) attempt.getChannelData()).get("locale")).isEqualTo("es");
        assertThat(VerificationCheck.creator(service.getSid()).setTo(to).setCode(sms.code()).create(twilio).getStatus())
                .isEqualTo("approved");
    }

    @Test
    void aJapaneseNumberWithoutLocaleIsCalledInJapanese() {
        Service service = Service.creator("Acme").create(twilio);
        String to = "+81312345678";

        Verification started = Verification.creator(service.getSid(), to, "call").create(twilio);

        TestServer.InboxMessage call = server.inbox(to).getFirst();
        assertThat(call.channel()).isEqualTo("call");
        assertThat(locale(started)).isEqualTo("ja");
        String digits = String.join(", ", call.code().split(""));
        assertThat(call.body()).isEqualTo("Acmeです。認証コードは、" + digits + "、です。もう一度繰り返します。認証コードは、"
                + digits + "、です。10分間有効です。失礼いたします。");
    }

    @Test
    void anUnknownLocaleFallsBackToItsLanguageThenEnglish() {
        Service service = Service.creator("Acme").create(twilio);

        Verification.creator(service.getSid(), "+5511912345678", "sms").setLocale("pt-BR").create(twilio);
        Verification.creator(service.getSid(), "+85291234567", "sms").setLocale("zh-HK").create(twilio);
        Verification german = Verification.creator(service.getSid(), "+4915112345678", "sms").create(twilio);

        assertThat(server.inbox("+5511912345678").getFirst().body()).startsWith("Seu código de verificação Acme é: ");
        assertThat(server.inbox("+85291234567").getFirst().body()).startsWith("Your Acme verification code is: ");
        TestServer.InboxMessage sms = server.inbox("+4915112345678").getFirst();
        assertThat(locale(german)).isEqualTo("de");
        assertThat(sms.body()).isEqualTo("Ihr Bestätigungscode für Acme lautet: " + sms.code() + ". Er ist 10 Minuten lang gültig.");
    }

    /** The language the attempt of a verification was written in, as the Attempts API tells it. */
    private Object locale(Verification verification) {
        VerificationAttempt attempt = VerificationAttempt.reader().setVerificationSid(verification.getSid()).read(twilio)
                .iterator().next();
        return ((java.util.Map<?, ?>) attempt.getChannelData()).get("locale");
    }
}
