package io.callgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class MessageTemplatesTest {

    static final java.util.List<String> LANGUAGES = MessageTemplates.BUNDLED;
    static final String CODE = "470193";
    static final MessageTemplates TEMPLATES = new MessageTemplates(Map.of());

    /** A word each language's sms must use: proof it is translated, not English. */
    static final Map<String, String> NATIVE_WORD = Map.of("en", "verification code", "es", "código de verificación",
            "fr", "code de vérification", "de", "Bestätigungscode", "pt", "código de verificação", "it", "codice di verifica",
            "nl", "verificatiecode", "ja", "認証コード");

    static MessageTemplates.Content content(String service, boolean warning, Duration validity) {
        return new MessageTemplates.Content(service, CODE, validity, warning, "+8******5678");
    }

    static OutboundMessage render(String language, Channel channel, MessageTemplates.Content content) {
        return TEMPLATES.render(channel, "+81312345678", null, language, content, "VL1", true);
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void smsCarriesTheCodeOnceInTheLanguage(String language) {
        OutboundMessage sms = render(language, Channel.SMS, content("Acme", false, Duration.ofMinutes(10)));
        assertThat(sms.locale()).isEqualTo(language);
        assertThat(sms.body()).contains("Acme").contains(NATIVE_WORD.get(language)).doesNotContain("{", "}")
                .doesNotEndWith(" ");
        assertThat(MessageTemplates.count(sms.body(), CODE)).isOne();
        assertThat(sms.subject()).isNull();
        assertThat(sms.htmlBody()).isNull();
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void theWarningIsAddedOnlyWhenAskedFor(String language) {
        String warning = TEMPLATES.render(language, "warning", content("Acme", true, Duration.ofMinutes(10)));
        assertThat(warning).isNotBlank().doesNotContain(CODE);
        String with = render(language, Channel.SMS, content("Acme", true, Duration.ofMinutes(10))).body();
        String without = render(language, Channel.SMS, content("Acme", false, Duration.ofMinutes(10))).body();
        assertThat(with).endsWith(warning).doesNotContain("  ");
        assertThat(without).doesNotContain(warning).doesNotContain("  ");
        OutboundMessage email = render(language, Channel.EMAIL, content("Acme", true, Duration.ofMinutes(10)));
        assertThat(email.body()).contains(warning);
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void aCallReadsTheDigitsOneByOneTwiceThenSaysGoodbye(String language) {
        OutboundMessage call = render(language, Channel.CALL, content("Radio Nine", false, Duration.ofMinutes(10)));
        String spoken = "4, 7, 0, 1, 9, 3";
        assertThat(MessageTemplates.count(call.body(), spoken)).isEqualTo(2);
        assertThat(call.body()).contains("Radio Nine").doesNotContain(CODE).doesNotContain("{", "}");
        // Nothing but how long the code lasts and the goodbye after the second reading.
        String afterSecond = call.body().substring(call.body().lastIndexOf(spoken) + spoken.length());
        assertThat(afterSecond).contains("10");
        assertThat(afterSecond.length()).isLessThan(60);
        assertThat(call.keypressPrompt()).contains("Radio Nine").doesNotContainPattern("[0-9]").doesNotContain("{", "}");
        assertThat(call.locale()).startsWith(language + "-").matches("[a-z]{2}-[A-Z]{2}");
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void theSmsAndTheCallSayHowLongTheCodeLasts(String language) {
        MessageTemplates.Content content = content("Acme", false, Duration.ofMinutes(7));
        String validity = TEMPLATES.render(language, "minutes", content);
        assertThat(validity).contains("7");
        assertThat(render(language, Channel.SMS, content).body()).contains(validity);
        assertThat(render(language, Channel.CALL, content).body()).contains(validity);
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void anEmailHasASubjectWithoutTheCodeAndBothParts(String language) {
        OutboundMessage email = TEMPLATES.render(Channel.EMAIL, "ada@example.com", null, language,
                new MessageTemplates.Content("Acme", CODE, Duration.ofMinutes(7), false, "a***@example.com"), "VL1", false);
        assertThat(email.subject()).contains("Acme").doesNotContain(CODE).doesNotContain("{", "}").doesNotContain("\n");
        assertThat(MessageTemplates.count(email.body(), CODE)).isOne();
        assertThat(email.body()).contains("7").contains("a***@example.com").contains("Acme").doesNotContain("{", "}")
                .doesNotContain("<");
        assertThat(MessageTemplates.count(email.htmlBody(), CODE)).isOne();
        assertThat(email.htmlBody()).startsWith("<!DOCTYPE html>").contains("<html lang=\"" + language + "\">")
                .contains("a***@example.com").doesNotContain("{", "}").contains("</html>");
        assertThat(email.locale()).isEqualTo(language);
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void theHtmlEmailEscapesTheServiceName(String language) {
        OutboundMessage email = render(language, Channel.EMAIL, content("Tom & Jerry <script>", false, Duration.ofMinutes(10)));
        assertThat(email.htmlBody()).contains("Tom &amp; Jerry &lt;script&gt;").doesNotContain("<script>");
        assertThat(email.body()).contains("Tom & Jerry <script>");
    }

    @Test
    void aLineBreakInTheServiceNameCannotAddAHeader() {
        OutboundMessage email = render("en", Channel.EMAIL, content("Acme\r\nBcc: mallory@example.com", false, Duration.ofMinutes(10)));
        assertThat(email.subject()).isEqualTo("Your Acme Bcc: mallory@example.com verification code").doesNotContain("\r", "\n");
        assertThat(email.body()).doesNotContain("\r");
    }

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void oneMinuteIsSingular(String language) {
        String one = TEMPLATES.render(language, "email-expiry", content("Acme", false, Duration.ofSeconds(60)));
        String ten = TEMPLATES.render(language, "email-expiry", content("Acme", false, Duration.ofMinutes(10)));
        assertThat(one).contains(TEMPLATES.render(language, "minute", content("Acme", false, Duration.ofSeconds(60))));
        assertThat(ten).contains("10");
        if (!language.equals("ja")) { // Japanese has no plural
            assertThat(one.replace("1", "")).isNotEqualTo(ten.replace("10", ""));
        }
    }

    @Test
    void theTextsReadAsWritten() {
        MessageTemplates.Content acme = content("Acme", true, Duration.ofMinutes(10));
        assertThat(render("es", Channel.SMS, acme).body())
                .isEqualTo("Tu código de verificación de Acme es: 470193. Caduca en 10 minutos. No compartas este código con nadie; nunca te lo pediremos.");
        assertThat(render("ja", Channel.SMS, acme).body())
                .isEqualTo("Acmeの認証コードは470193です。10分間有効です。このコードは誰にも教えないでください。当社からコードをお尋ねすることはありません。");
        assertThat(render("fr", Channel.CALL, acme).body()).isEqualTo("Bonjour. Votre code de vérification Acme est : "
                + "4, 7, 0, 1, 9, 3. Je répète, votre code est : 4, 7, 0, 1, 9, 3. Il expire dans 10 minutes. Au revoir.");
        assertThat(render("de", Channel.EMAIL, content("Acme", false, Duration.ofMinutes(10))).body()).isEqualTo("""
                Ihr Bestätigungscode für Acme lautet:

                470193

                Er ist 10 Minuten lang gültig.

                Dieser Code wurde für +8******5678 angefordert. Falls Sie ihn nicht angefordert haben, können Sie diese E-Mail ignorieren.""");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "es, null, es", "pt-BR, null, pt", "PT_br, BR, pt", "fr-CA, null, fr", "zh-HK, JP, en", "xx, null, en",
            "null, ES, es", "null, MX, es", "null, JP, ja", "null, DE, de", "null, AT, de", "null, BR, pt",
            "null, BE, nl", "null, CH, de", "null, US, en", "null, CN, en", "null, null, en"})
    void theLanguageComesFromTheLocaleThenTheCountry(String locale, String country, String language) {
        assertThat(TEMPLATES.language(locale, country)).isEqualTo(language);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null, JP, ja-JP", "es, null, es-ES", "es, MX, es-MX", "pt-BR, null, pt-BR", "pt, PT, pt-PT", "null, PT, pt-PT",
            "null, GB, en-GB", "null, US, en-US", "en, DE, en-US", "fr-CA, null, fr-CA", "null, null, en-US"})
    void aCallSpeaksInAVoiceOfTheLanguage(String locale, String country, String voice) {
        OutboundMessage call = TEMPLATES.render(Channel.CALL, "+10000000000", country, locale,
                content("Acme", false, Duration.ofMinutes(10)), "VL1", false);
        assertThat(call.locale()).isEqualTo(voice);
        assertThat(call.keypressPrompt()).isNull();
    }

    @Test
    void operatorsOverrideTemplatesPerLanguageFromConfiguration() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "callgate.templates.es.sms", "{service}: tu código es {code}",
                "callgate.templates.pt-BR.sms", "Código {service}: {code}",
                "callgate.templates.pl.sms", "Twój kod {service}: {code}. {warning}",
                "callgate.templates.pl.warning", "Nie udostępniaj go nikomu.",
                "callgate.templates.pl.call", "Twój kod to {code}. Powtarzam: {code}. Do widzenia.",
                "callgate.templates.pl.call-prompt", "Tu {service}. Naciśnij dowolny klawisz.",
                "callgate.templates.pl.email-subject", "Twój kod {service}",
                "callgate.templates.pl.email-intro", "Twój kod {service} to:",
                "callgate.templates.pl.email-expiry", "Wygasa za {minutes} min.",
                "callgate.templates.pl.email-footer", "Kod dla {to}.")));
        environment.getPropertySources().addFirst(new MapPropertySource("more", Map.of(
                "callgate.templates.pl.minute", "1 minutę", "callgate.templates.pl.minutes", "{minutes} minut",
                "callgate.templates.pl.call-code", "Twój kod to {code}. Powtarzam: {code}. Do widzenia.",
                "callgate.templates.pl.goodbye", "Do widzenia.")));
        MessageTemplates templates = new MessageTemplates(environment);
        MessageTemplates.Content acme = content("Acme", false, Duration.ofMinutes(10));

        assertThat(templates.render(Channel.SMS, "+34600000000", "ES", null, acme, "VL1", false).body())
                .isEqualTo("Acme: tu código es 470193");
        OutboundMessage brazil = templates.render(Channel.SMS, "+5511999999999", "BR", "pt-BR", acme, "VL1", false);
        assertThat(brazil.body()).isEqualTo("Código Acme: 470193");
        assertThat(brazil.locale()).isEqualTo("pt-BR");
        // Templates pt-BR leaves alone come from pt.
        OutboundMessage brazilEmail = templates.render(Channel.EMAIL, "a@example.com", null, "pt-BR", acme, "VL1", false);
        assertThat(brazilEmail.subject()).isEqualTo("Seu código de verificação Acme");
        assertThat(brazilEmail.htmlBody()).contains("<html lang=\"pt-BR\">");
        assertThat(templates.languages()).contains("pl", "pt-br", "en");
        OutboundMessage polish = templates.render(Channel.EMAIL, "a@example.com", null, "pl", acme, "VL1", false);
        assertThat(polish.subject()).isEqualTo("Twój kod Acme");
        assertThat(polish.htmlBody()).contains("<html lang=\"pl\">").contains("Wygasa za 10 min.");
        // Other languages keep the bundled text.
        assertThat(templates.render(Channel.SMS, "+49300000000", "DE", null, acme, "VL1", false).body())
                .startsWith("Ihr Bestätigungscode für Acme");
    }

    @Test
    void regionalOverridesFromYaml() throws Exception {
        String yaml = """
                callgate:
                  templates:
                    pt-BR:
                      sms: "Código {service}: {code}"
                    "[pt-PT]":
                      sms: "O seu código {service} é {code}."
                """;
        StandardEnvironment environment = new StandardEnvironment();
        new org.springframework.boot.env.YamlPropertySourceLoader().load("yaml",
                new org.springframework.core.io.ByteArrayResource(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .forEach(environment.getPropertySources()::addFirst);
        MessageTemplates templates = new MessageTemplates(environment);
        MessageTemplates.Content acme = content("Acme", false, Duration.ofMinutes(10));

        assertThat(templates.render(Channel.SMS, "+5511999999999", "BR", "pt-BR", acme, "VL1", false).body())
                .isEqualTo("Código Acme: 470193");
        assertThat(templates.render(Channel.SMS, "+351912345678", "PT", "pt-PT", acme, "VL1", false).body())
                .isEqualTo("O seu código Acme é 470193.");
    }

    @Test
    void brokenOverridesStopTheStart() {
        assertThatThrownBy(() -> new MessageTemplates(Map.of("es", Map.of("sms", "Código: {cdoe}"))))
                .hasMessageContaining("es.sms").hasMessageContaining("cdoe");
        assertThatThrownBy(() -> new MessageTemplates(Map.of("en", Map.of("email-subject", "{code} is your {service} code"))))
                .hasMessageContaining("en.email-subject").hasMessageContaining("nowhere");
        assertThatThrownBy(() -> new MessageTemplates(Map.of("en", Map.of("call-prompt", "Your code is {code}"))))
                .hasMessageContaining("en.call-prompt");
        assertThatThrownBy(() -> new MessageTemplates(Map.of("en", Map.of("call", "Your code is {code}. Goodbye."))))
                .hasMessageContaining("en.call").hasMessageContaining("2 time(s)");
        assertThatThrownBy(() -> new MessageTemplates(Map.of("en", Map.of("sms", "Your {service} code"))))
                .hasMessageContaining("en.sms");
        assertThatThrownBy(() -> new MessageTemplates(Map.of("pl", Map.of("sms", "Kod {code}"))))
                .hasMessageContaining("no template warning for language pl");
        assertThatThrownBy(() -> new MessageTemplates(Map.of("en", Map.of("smss", "Code {code}"))))
                .hasMessageContaining("en.smss: not a template name");
        assertThatThrownBy(() -> new MessageTemplates(Map.of("en", Map.of("email-intro", "{email-footer}",
                "email-footer", "{email-intro}")))).hasMessageContaining("includes itself");
    }
}
