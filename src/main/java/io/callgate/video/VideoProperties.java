package io.callgate.video;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The video-room gate ({@code callgate.video.*}). Room tokens cannot be taken back once handed out, so they
 * live briefly: removing a participant stops the next token, and the last one runs out soon after.
 *
 * @param tokenTtl how long a minted token is valid, at most an hour
 * @param maxTicketsPerIdentity gate entries (code requests) per identity and room within {@code ticketWindow},
 *                              whether the identity is known or not
 * @param answerFloor every gate answer takes at least this long, so its timing does not tell a known identity
 *                    from an unknown one; a code still being sent then goes on in the background
 */
@ConfigurationProperties("callgate.video")
public record VideoProperties(
        @DefaultValue("10m") Duration tokenTtl,
        @DefaultValue("5") int maxTicketsPerIdentity,
        @DefaultValue("1h") Duration ticketWindow,
        @DefaultValue("500ms") Duration answerFloor,
        @DefaultValue LiveKit livekit,
        @DefaultValue Jitsi jitsi,
        @DefaultValue Twilio twilio) {

    static final Duration MAX_TOKEN_TTL = Duration.ofHours(1);
    /** HS256 keys shorter than the hash are refused by JOSE libraries (RFC 7518 §3.2), and by LiveKit itself. */
    static final int MIN_SECRET_BYTES = 32;

    public VideoProperties {
        if (tokenTtl.isNegative() || tokenTtl.isZero() || tokenTtl.compareTo(MAX_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException("callgate.video.token-ttl must be more than 0 and at most 1h");
        }
        if (maxTicketsPerIdentity < 1) {
            throw new IllegalArgumentException("callgate.video.max-tickets-per-identity must be at least 1");
        }
        if (answerFloor.isNegative() || answerFloor.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("callgate.video.answer-floor must be from 0 to 10s");
        }
    }

    /** LiveKit's API key and secret, as in its server's {@code keys:} setting. */
    public record LiveKit(@DefaultValue("") String apiKey, @DefaultValue("") String apiSecret) {

        public LiveKit {
            requireLongEnough(apiSecret, "callgate.video.livekit.api-secret");
        }

        Optional<String> missing() {
            return apiKey.isBlank() || apiSecret.isBlank()
                    ? Optional.of("callgate.video.livekit.api-key and api-secret") : Optional.empty();
        }
    }

    /**
     * Jitsi Meet's token authentication (prosody {@code app_id}, {@code app_secret}; {@code asap_accepted_audiences}).
     *
     * @param subject the {@code sub} claim: the tenant or domain the token is for, or {@code *}
     */
    public record Jitsi(@DefaultValue("") String appId, @DefaultValue("") String appSecret,
                        @DefaultValue("jitsi") String audience, @DefaultValue("*") String subject) {

        public Jitsi {
            requireLongEnough(appSecret, "callgate.video.jitsi.app-secret");
        }

        Optional<String> missing() {
            return appId.isBlank() || appSecret.isBlank()
                    ? Optional.of("callgate.video.jitsi.app-id and app-secret") : Optional.empty();
        }
    }

    /** A Twilio API key (SK…) of the account (AC…) whose Programmable Video rooms are joined. */
    public record Twilio(@DefaultValue("") String accountSid, @DefaultValue("") String apiKeySid,
                         @DefaultValue("") String apiKeySecret) {

        public Twilio {
            requireLongEnough(apiKeySecret, "callgate.video.twilio.api-key-secret");
        }

        Optional<String> missing() {
            return accountSid.isBlank() || apiKeySid.isBlank() || apiKeySecret.isBlank()
                    ? Optional.of("callgate.video.twilio.account-sid, api-key-sid and api-key-secret") : Optional.empty();
        }
    }

    private static void requireLongEnough(String secret, String key) {
        if (!secret.isEmpty() && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(key + " must be at least " + MIN_SECRET_BYTES
                    + " characters (HS256); generate one with: openssl rand -hex 32");
        }
    }
}
