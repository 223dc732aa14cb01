package io.callgate.directory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts kept by an OpenID Connect provider (Keycloak, Auth0, …), checked with the resource
 * owner password grant: the account number becomes the username (through
 * {@code username-template}) and the PIN the password.
 *
 * <p>The provider's ID token is accepted only with a valid signature from the keys its discovery
 * document publishes (asymmetric algorithms only), this client as audience, the configured
 * issuer, and, when {@code account-attribute} is set, that claim equal to the typed number. The
 * display name, phone and email come from the token's claims. Discovery is read once and retried
 * after a failure; the key set is cached and refreshed by nimbus when an unknown key id appears.
 */
class OidcDirectory implements AccountDirectory {

    private static final Logger log = LoggerFactory.getLogger(OidcDirectory.class);
    private static final String PASSWORD_GRANT = "password";
    private static final String AUTH0_REALM_GRANT = "http://auth0.com/oauth/grant-type/password-realm";
    private static final Set<JWSAlgorithm> SIGNATURES = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    private record Provider(URI tokenEndpoint, DefaultJWTProcessor<SecurityContext> tokens) {
    }

    private final DirectoryProperties.Oidc config;
    private final HttpClient http;
    private final JsonMapper json;
    private volatile Provider provider;

    OidcDirectory(DirectoryProperties.Oidc config, HttpClient http, JsonMapper json) {
        if (config.issuer() == null || config.clientId() == null || config.clientId().isBlank()) {
            throw new IllegalStateException("callgate.directory.oidc.issuer and client-id are required with type oidc");
        }
        if (!config.usernameTemplate().contains("{account}")) {
            throw new IllegalStateException("callgate.directory.oidc.username-template must contain {account}");
        }
        this.config = config;
        this.http = http;
        this.json = json;
    }

    @Override
    public Optional<Account> authenticate(String accountNumber, String pin) {
        if (accountNumber == null || !PinPolicy.ACCOUNT_NUMBER.matcher(accountNumber).matches()
                || pin == null || !PinPolicy.PIN.matcher(pin).matches()) {
            return Optional.empty();
        }
        Provider p = provider();
        HttpResponse<String> response = post(p.tokenEndpoint(), tokenRequest(accountNumber, pin));
        if (response.statusCode() == 400 || response.statusCode() == 401 || response.statusCode() == 403) {
            String error = errorCode(response.body());
            if ("invalid_grant".equals(error) || "invalid_user_password".equals(error)) {
                return Optional.empty();
            }
            throw new DirectoryUnavailableException("the provider refused the token request: " + error, null);
        }
        if (response.statusCode() != 200) {
            throw new DirectoryUnavailableException("the provider answered " + response.statusCode(), null);
        }
        String idToken = text(json.readTree(response.body()), "id_token");
        if (idToken == null) {
            throw new DirectoryUnavailableException("the provider sent no id_token; the scope must include openid", null);
        }
        JWTClaimsSet claims;
        try {
            claims = p.tokens().process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new DirectoryUnavailableException("the provider's ID token did not validate: " + e.getMessage(), null);
        }
        if (!config.accountAttribute().isBlank() && !accountNumber.equals(claim(claims, config.accountAttribute()))) {
            log.warn("the provider's ID token does not carry account attribute {} for the account typed",
                    config.accountAttribute());
            return Optional.empty();
        }
        return Optional.of(account(accountNumber, claims));
    }

    private Account account(String number, JWTClaimsSet claims) {
        String name = firstNonBlank(claim(claims, config.nameClaim()), claim(claims, "given_name"),
                claim(claims, "preferred_username"), number);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("subject", claims.getSubject());
        if (!config.accountAttribute().isBlank()) {
            attributes.put(config.accountAttribute(), number);
        }
        return new Account(number, name, claim(claims, "phone_number"), claim(claims, "email"), attributes);
    }

    private Map<String, String> tokenRequest(String accountNumber, String pin) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", config.realm().isBlank() ? PASSWORD_GRANT : AUTH0_REALM_GRANT);
        form.put("username", config.usernameTemplate().replace("{account}", accountNumber));
        form.put("password", pin);
        form.put("scope", config.scope());
        form.put("client_id", config.clientId());
        if (config.clientSecret() != null && !config.clientSecret().isBlank()) {
            form.put("client_secret", config.clientSecret());
        }
        if (!config.audience().isBlank()) {
            form.put("audience", config.audience());
        }
        if (!config.realm().isBlank()) {
            form.put("realm", config.realm());
        }
        return form;
    }

    private Provider provider() {
        Provider known = provider;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (provider == null) {
                provider = discover();
            }
            return provider;
        }
    }

    private Provider discover() {
        String issuer = config.issuer().toString();
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        HttpResponse<String> response = send(HttpRequest.newBuilder(discovery).timeout(config.timeout())
                .header("Accept", "application/json").GET().build());
        if (response.statusCode() != 200) {
            throw new DirectoryUnavailableException("OpenID discovery at " + discovery + " answered " + response.statusCode(), null);
        }
        JsonNode document = json.readTree(response.body());
        String announced = text(document, "issuer");
        String tokenEndpoint = text(document, "token_endpoint");
        String jwksUri = text(document, "jwks_uri");
        if (!issuer.equals(announced) || tokenEndpoint == null || jwksUri == null) {
            throw new DirectoryUnavailableException("OpenID discovery at " + discovery
                    + " does not name this issuer, a token endpoint and a JWKS", null);
        }
        int timeoutMillis = (int) config.timeout().toMillis();
        try {
            var keys = JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUri).toURL(),
                    new DefaultResourceRetriever(timeoutMillis, timeoutMillis, 256 * 1024)).build();
            var tokens = new DefaultJWTProcessor<SecurityContext>();
            tokens.setJWSKeySelector(new JWSVerificationKeySelector<>(SIGNATURES, keys));
            tokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.clientId(),
                    new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat")));
            return new Provider(URI.create(tokenEndpoint), tokens);
        } catch (IOException | IllegalArgumentException e) {
            throw new DirectoryUnavailableException("the provider's JWKS address is not usable", e);
        }
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DirectoryUnavailableException("the identity provider cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryUnavailableException("interrupted while asking the identity provider", e);
        }
    }

    private String errorCode(String body) {
        try {
            return text(json.readTree(body), "error");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asString();
    }

    /** A claim as text: strings as they are, numbers in plain digits (some providers map account numbers as numbers). */
    private static String claim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String || value instanceof Number ? value.toString() : null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
