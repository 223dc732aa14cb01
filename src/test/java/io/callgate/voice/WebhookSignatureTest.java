package io.callgate.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030",
            "Digits", "1234", "From", "+12349013030", "To", "+18005551212");

    private static Map<String, List<String>> multi(Map<String, String> params) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, List.of(v)));
        return m;
    }

    @Test
    void matchesThePublishedKnownAnswer() {
        var signature = new WebhookSignature("12345");
        assertThat(signature.sign(URL, multi(PARAMS))).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(signature.matches(URL, multi(PARAMS), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
    }

    @Test
    void agreesWithTheTwilioValidatorInBothDirections() {
        var validator = new RequestValidator("s3cret-token");
        var signature = new WebhookSignature("s3cret-token");
        String url = "https://voice.example.org/voice/lines/board?x=1";
        String ours = signature.sign(url, multi(PARAMS));
        assertThat(validator.validate(url, PARAMS, ours)).isTrue();
        // The validator adds :443 when checking; a carrier that signed with the port must pass here too.
        String withPort = "https://voice.example.org:443/voice/lines/board?x=1";
        assertThat(signature.matches(url, multi(PARAMS), signature.sign(withPort, multi(PARAMS)))).isTrue();
        assertThat(validator.validate(withPort, PARAMS, ours)).isTrue();
    }

    @Test
    void refusesForgedTamperedAndMissingSignatures() {
        var signature = new WebhookSignature("12345");
        assertThat(signature.matches(URL, multi(PARAMS), null)).isFalse();
        assertThat(signature.matches(URL, multi(PARAMS), "")).isFalse();
        assertThat(signature.matches(URL, multi(PARAMS), "0/KCTR6DLpKmkAf8muzZqo1nDgQ")).isFalse();
        var tampered = new LinkedHashMap<>(PARAMS);
        tampered.put("Digits", "1235");
        assertThat(signature.matches(URL, multi(tampered), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
        assertThat(new WebhookSignature("54321").matches(URL, multi(PARAMS), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
    }

    @Test
    void togglesOnlyDefaultPorts() {
        assertThat(WebhookSignature.withDefaultPortToggled("https://a.b/c?d=1")).isEqualTo("https://a.b:443/c?d=1");
        assertThat(WebhookSignature.withDefaultPortToggled("http://a.b:80/c")).isEqualTo("http://a.b/c");
        assertThat(WebhookSignature.withDefaultPortToggled("http://a.b:8080/c")).isNull();
    }
}
