package io.callgate.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where IVR accounts come from and how failed logins are limited ({@code callgate.directory.*}).
 *
 * @param type {@code local} (accounts managed through /admin/accounts) or {@code oidc} (an OpenID Connect provider)
 * @param oidc the provider, when {@code type} is {@code oidc}
 * @param lockout limits on failed PINs per account and on attempts per caller ID
 */
@Validated
@ConfigurationProperties("callgate.directory")
public record DirectoryProperties(
        @NotNull @DefaultValue("local") Type type,
        @Valid @DefaultValue Oidc oidc,
        @Valid @DefaultValue Lockout lockout) {

    public enum Type { LOCAL, OIDC }

    /**
     * An OpenID Connect provider asked with the resource owner password grant.
     *
     * @param issuer the issuer URL; its {@code /.well-known/openid-configuration} names the token endpoint and JWKS
     * @param clientId the client allowed to use the password grant
     * @param clientSecret its secret, sent with HTTP Basic authentication
     * @param usernameTemplate the username sent for an account number; {@code {account}} is replaced by the digits
     * @param accountAttribute a claim of the ID token that must equal the account number (a Keycloak user
     *                         attribute mapped into the token, an Auth0 custom claim); empty to trust the username alone
     * @param nameClaim the claim read as the display name ({@code name}; then {@code given_name}, {@code preferred_username})
     * @param scope the scope requested; it must include {@code openid} to receive an ID token
     * @param audience Auth0's {@code audience} parameter, if needed
     * @param realm Auth0's connection ({@code realm} parameter with the password-realm grant), if needed
     * @param timeout connect and read timeout of each call to the provider
     */
    public record Oidc(
            URI issuer,
            String clientId,
            String clientSecret,
            @DefaultValue("{account}") String usernameTemplate,
            @DefaultValue("") String accountAttribute,
            @DefaultValue("name") String nameClaim,
            @DefaultValue("openid profile") String scope,
            @DefaultValue("") String audience,
            @DefaultValue("") String realm,
            @NotNull @DefaultValue("10s") Duration timeout) {
    }

    /**
     * Failed logins. An account is locked for {@code duration} once it has {@code maxFailures} failures within
     * {@code failureWindow} (PCI DSS 8.3.4: at most 10, at least 30 minutes), and while it has
     * {@code maxFailuresPerDay} in 24 hours. A caller ID gets {@code maxAttemptsPerCaller} login attempts per
     * {@code callerWindow}. Windows of more than 24 hours are not kept by the limit sweeper.
     */
    public record Lockout(
            @Min(1) @DefaultValue("10") int maxFailures,
            @NotNull @DefaultValue("30m") Duration failureWindow,
            @NotNull @DefaultValue("30m") Duration duration,
            @Min(1) @DefaultValue("20") int maxFailuresPerDay,
            @Min(1) @DefaultValue("30") int maxAttemptsPerCaller,
            @NotNull @DefaultValue("1h") Duration callerWindow) {

        @AssertTrue(message = "lockout windows must be positive and at most 24h")
        boolean isWithinADay() {
            Duration day = Duration.ofHours(24);
            return java.util.stream.Stream.of(failureWindow, duration, callerWindow)
                    .allMatch(d -> d.isPositive() && d.compareTo(day) <= 0);
        }
    }
}
