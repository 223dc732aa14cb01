package io.callgate.agent;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent console ({@code callgate.agent.*}).
 *
 * @param maxLoginFailures sign-in attempts per agent name within {@code loginWindow}; more are refused unchecked
 * @param maxFailedReadbacks wrong read-back codes per interaction, over all its codes; then it can no longer be verified
 * @param liveFor how long an interaction stays on the console's list after its last change
 * @param apiSecret the shared secret CRMs sign their posts with (HMAC-SHA256); empty turns the post API off
 * @param apiMaxSkew how far a post's timestamp may be from the server's clock
 * @param customerLookup where customer details come from: the local directory, or an HTTP endpoint
 */
@ConfigurationProperties("callgate.agent")
public record AgentProperties(
        @DefaultValue("10") int maxLoginFailures,
        @DefaultValue("30m") Duration loginWindow,
        @DefaultValue("10") int maxFailedReadbacks,
        @DefaultValue("4h") Duration liveFor,
        @DefaultValue("") String apiSecret,
        @DefaultValue("5m") Duration apiMaxSkew,
        @DefaultValue CustomerLookup customerLookup) {

    /**
     * @param url an HTTP(S) URL with {@code {ref}} for the customer reference, e.g. {@code https://crm.internal/customers/{ref}};
     *            empty to read the local directory's accounts (the reference is the account number)
     * @param bearerToken sent as {@code Authorization: Bearer …} when set
     * @param timeout how long the lookup may take
     */
    public record CustomerLookup(@DefaultValue("") String url, @DefaultValue("") String bearerToken,
                                 @DefaultValue("5s") Duration timeout) {

        URI uriFor(String ref) {
            return URI.create(url.replace("{ref}", java.net.URLEncoder.encode(ref, java.nio.charset.StandardCharsets.UTF_8)));
        }
    }
}
