package io.callgate.support;

import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OpenID Connect provider running in the test (NAV's mock-oauth2-server: discovery, JWKS, signed ID
 * tokens, the password grant), given a small user store: a route in front of its token endpoint refuses unknown
 * users and wrong passwords with {@code invalid_grant}, as Keycloak and Auth0 do; the right ones reach its own
 * password grant.
 */
public final class TestOidcProvider {

    public static final String ISSUER_ID = "bank";
    public static final String CLIENT_ID = "callgate-ivr";
    public static final String CLIENT_SECRET = "ivr-client-secret";

    /** The provider's users: username, password and the claims their tokens carry. */
    private record User(String password, Map<String, Object> claims) {
    }

    private static final Map<String, User> USERS = Map.of(
            "acct-7001", new User("592831", Map.of("name", "Ada Lovelace", "account_number", "7001",
                    "email", "ada@example.org", "phone_number", "+442079460958")),
            "acct-7002", new User("715328", Map.of("given_name", "Grace", "account_number", 7002)),
            // A user whose token maps to another account: the attribute check must refuse it.
            "acct-7003", new User("836142", Map.of("name", "Mallory", "account_number", "9999")),
            // The provider answers with a token whose signature does not match its keys.
            "acct-7004", new User("947253", Map.of("name", "Forged")));

    private final MockOAuth2Server server;

    private TestOidcProvider(MockOAuth2Server server) {
        this.server = server;
    }

    /** The provider itself, for the requests it recorded. */
    public MockOAuth2Server server() {
        return server;
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** Points callgate's directory at this provider: account 7001 is {@code acct-7001}, matched by its claim. */
    public void configure(DynamicPropertyRegistry registry) {
        registry.add("callgate.directory.type", () -> "oidc");
        registry.add("callgate.directory.oidc.issuer", this::issuer);
        registry.add("callgate.directory.oidc.client-id", () -> CLIENT_ID);
        registry.add("callgate.directory.oidc.client-secret", () -> CLIENT_SECRET);
        registry.add("callgate.directory.oidc.username-template", () -> "acct-{account}");
        registry.add("callgate.directory.oidc.account-attribute", () -> "account_number");
    }

    public void shutdown() {
        server.shutdown();
    }

    public static TestOidcProvider start() {
        OAuth2TokenCallback users = new OAuth2TokenCallback() {
            @Override
            public String issuerId() {
                return ISSUER_ID;
            }

            @Override
            public String subject(TokenRequest request) {
                return "user-" + username(request);
            }

            @Override
            public String typeHeader(TokenRequest request) {
                return "JWT";
            }

            @Override
            public List<String> audience(TokenRequest request) {
                return List.of(request.getClientAuthentication() != null
                        ? request.getClientAuthentication().getClientID().getValue() : request.getClientID().getValue());
            }

            @Override
            public Map<String, Object> addClaims(TokenRequest request) {
                User user = USERS.get(username(request));
                return user == null ? Map.of() : user.claims();
            }

            @Override
            public long tokenExpiry() {
                return 300;
            }
        };
        MockOAuth2Server[] self = new MockOAuth2Server[1];
        Route credentials = new Route() {
            @Override
            public boolean match(OAuth2HttpRequest request) {
                if (!"POST".equals(request.getMethod()) || !request.getUrl().encodedPath().endsWith("/token")) {
                    return false;
                }
                var form = request.getFormParameters();
                if (!"password".equals(form.get("grant_type"))) {
                    return false;
                }
                User user = USERS.get(form.get("username"));
                return user == null || !user.password().equals(form.get("password"))
                        || "Forged".equals(user.claims().get("name"));
            }

            @Override
            public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
                var form = request.getFormParameters();
                User user = USERS.get(form.get("username"));
                Headers json = Headers.of("Content-Type", "application/json");
                if (user == null || !user.password().equals(form.get("password"))) {
                    return new OAuth2HttpResponse(json, 400,
                            "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}", null);
                }
                // A genuine token from this provider, its signature damaged on the way.
                String token = self[0].issueToken(ISSUER_ID, CLIENT_ID, users).serialize();
                int signature = token.lastIndexOf('.') + 1;
                String forged = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A')
                        + token.substring(signature + 1);
                return new OAuth2HttpResponse(json, 200, "{\"access_token\":\"" + forged + "\",\"id_token\":\"" + forged
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}", null);
            }
        };
        OAuth2Config config = new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), Set.of(users));
        MockOAuth2Server server = new MockOAuth2Server(config, credentials);
        self[0] = server;
        server.start();
        return new TestOidcProvider(server);
    }

    private static String username(TokenRequest request) {
        return request.getAuthorizationGrant() instanceof ResourceOwnerPasswordCredentialsGrant password
                ? password.getUsername() : "unknown";
    }
}
