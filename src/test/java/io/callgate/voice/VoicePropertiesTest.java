package io.callgate.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Carriers can be configured from environment variables, as the README shows. */
class VoicePropertiesTest {

    @Test
    void bindsCarriersFromEnvironmentVariables() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "CALLGATE_VOICE_CARRIERS_TWILIO_AUTHTOKEN", "tw-token",
                "CALLGATE_VOICE_CARRIERS_SIGNALWIRE_AUTHTOKEN", "sw-key",
                "CALLGATE_VOICE_CARRIERS_SIGNALWIRE_PREVIOUSAUTHTOKEN", "sw-old",
                "CALLGATE_VOICE_DEFAULTCARRIER", "twilio")));
        var properties = new Binder(ConfigurationPropertySources.from(environment.getPropertySources()))
                .bindOrCreate("callgate.voice", VoiceProperties.class);

        assertThat(properties.carriers()).containsOnlyKeys("twilio", "signalwire");
        assertThat(properties.carriers().get("twilio").authToken()).isEqualTo("tw-token");
        assertThat(properties.carriers().get("signalwire").previousAuthToken()).isEqualTo("sw-old");
        assertThat(properties.defaultCarrier()).isEqualTo("twilio");
        assertThat(properties.idempotencyTtl()).hasHours(24);

        var carriers = new Carriers(properties);
        assertThat(carriers.defaultCarrier()).contains("twilio");
        var params = Map.of("CallSid", java.util.List.of("CA1"));
        String url = "https://voice.example.org/voice/lines/x";
        assertThat(carriers.signed("signalwire", url, params, new WebhookSignature("sw-old").sign(url, params))).isTrue();
        assertThat(carriers.signed("twilio", url, params, new WebhookSignature("sw-old").sign(url, params))).isFalse();
        assertThat(carriers.signed("nobody", url, params, new WebhookSignature("tw-token").sign(url, params))).isFalse();
    }
}
