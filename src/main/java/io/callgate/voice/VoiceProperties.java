package io.callgate.voice;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Voice webhooks ({@code callgate.voice.*}).
 *
 * @param carriers the carriers that may call the webhooks, by name, each with the token that signs its requests
 * @param defaultCarrier the carrier of every webhook that names none; may be left empty when only one is configured
 * @param idempotencyTtl how long an answer is kept for a carrier's repeated delivery of the same request
 * @param inProgressWait how long a repeated delivery waits for the first one's answer before getting 409
 */
@ConfigurationProperties("callgate.voice")
public record VoiceProperties(
        @DefaultValue Map<String, Carrier> carriers,
        @DefaultValue("") String defaultCarrier,
        @DefaultValue("24h") Duration idempotencyTtl,
        @DefaultValue("5s") Duration inProgressWait) {

    /**
     * A carrier account.
     *
     * @param authToken Twilio's auth token, SignalWire's signing key, or another TwiML carrier's webhook secret
     * @param previousAuthToken the token before a rotation, still accepted until removed
     */
    public record Carrier(String authToken, String previousAuthToken) {
    }
}
