package io.callgate.voice.contact;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Contact-center lines ({@code callgate.voice.contact-center.<name>.*}); each answers at
 * {@code /voice/contact-center/<name>}.
 */
@ConfigurationProperties("callgate.voice")
public record ContactCenterProperties(@DefaultValue Map<String, Line> contactCenter) {

    /**
     * @param carrier the carrier whose token signs this line's webhooks; empty for the default carrier
     * @param connect who takes the call: an E.164 number, a {@code sip:} URI or {@code client:name}
     * @param hold what the caller hears before being connected
     * @param voice the {@code Say} voice; empty for the carrier's default
     * @param language the {@code Say} language, such as {@code es-ES}; empty for the carrier's default
     */
    public record Line(@DefaultValue("") String carrier, String connect,
                       @DefaultValue("Please hold while we connect you to an agent.") String hold,
                       @DefaultValue("") String voice, @DefaultValue("") String language) {
    }
}
