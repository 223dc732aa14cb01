package io.callgate.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import io.callgate.directory.IvrLogin.Outcome;
import io.callgate.directory.IvrLogin.Refusal;
import io.callgate.support.CallgateTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * IVR login against a real OpenID Connect provider running in the test (NAV's mock-oauth2-server:
 * discovery, JWKS, signed ID tokens, the password grant). The provider is given a small user
 * store: a route in front of its token endpoint refuses unknown users and wrong passwords with
 * {@code invalid_grant}, as Keycloak and Auth0 do; the right ones reach its own password grant.
 */
@CallgateTest
class OidcDirectoryTest {

    private static final String ISSUER_ID = "bank";
    private static final String CLIENT_ID = "callgate-ivr";
    private static final String CLIENT_SECRET = "ivr-client-secret";

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

    private static final MockOAuth2Server PROVIDER = startProvider();

    @Autowired
    IvrLogin login;

    @Autowired
    JdbcClient db;

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        registry.add("callgate.directory.type", () -> "oidc");
        registry.add("callgate.directory.oidc.issuer", OidcDirectoryTest::issuer);
        registry.add("callgate.directory.oidc.client-id", () -> CLIENT_ID);
        registry.add("callgate.directory.oidc.client-secret", () -> CLIENT_SECRET);
        registry.add("callgate.directory.oidc.username-template", () -> "acct-{account}");
        registry.add("callgate.directory.oidc.account-attribute", () -> "account_number");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @BeforeEach
    void setUp() {
        db.sql("delete from limit_event").update();
    }

    @Test
    void theRightPinLogsInWithTheNameAndContactsFromTheIdToken() {
        Outcome outcome = login.authenticate("7001", "592831", "+15005550006");

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.account().displayName()).isEqualTo("Ada Lovelace");
        assertThat(outcome.account().email()).isEqualTo("ada@example.org");
        assertThat(outcome.account().phone()).isEqualTo("+442079460958");
        assertThat(outcome.account().attributes()).containsEntry("account_number", "7001")
                .containsEntry("subject", "acct-7001");
    }

    @Test
    void aNumericAccountClaimAndAGivenNameAreEnough() {
        assertThat(login.authenticate("7002", "715328", "+15005550006").account().displayName()).isEqualTo("Grace");
    }

    @Test
    void aWrongPinAndAnUnknownAccountAreRefusedAlikeAndCount() {
        Outcome wrong = login.authenticate("7001", "592830", "+15005550006");
        Outcome unknown = login.authenticate("7999", "592831", "+15005550006");

        assertThat(List.of(wrong, unknown)).allSatisfy(o -> {
            assertThat(o.accepted()).isFalse();
            assertThat(o.refusal()).isEqualTo(Refusal.INVALID);
        });
        for (int i = 0; i < 9; i++) {
            login.authenticate("7001", "592830", "+1500555" + (1000 + i));
        }
        assertThat(login.authenticate("7001", "592831", "+15005550006").refusal()).isEqualTo(Refusal.LOCKED);
    }

    @Test
    void aTokenForAnotherAccountNumberIsRefused() {
        assertThat(login.authenticate("7003", "836142", "+15005550006").accepted()).isFalse();
    }

    @Test
    void aTokenThatFailsTheSignatureCheckIsNeverAccepted() {
        Outcome outcome = login.authenticate("7004", "947253", "+15005550006");

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.refusal()).isEqualTo(Refusal.UNAVAILABLE);
        assertThatThrownBy(() -> directory(issuer()).authenticate("7004", "947253"))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("did not validate");
    }

    @Test
    void aDiscoveryDocumentForAnotherIssuerIsNotTrusted() {
        // The provider's document names ".../bank", not ".../bank/": the configured issuer must match exactly.
        assertThat(directory(issuer()).authenticate("7001", "592831")).isPresent();
        assertThatThrownBy(() -> directory(issuer() + "/").authenticate("7001", "592831"))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("does not name this issuer");
    }

    @Test
    void anUnreachableProviderIsReportedNotCountedAsAccepted() {
        OidcDirectory nowhere = directory("http://127.0.0.1:9/bank");

        assertThatThrownBy(() -> nowhere.authenticate("7001", "592831")).isInstanceOf(DirectoryUnavailableException.class);
    }

    @Test
    void thePinTravelsOnlyInTheBodyOfTheTokenRequest() {
        drainRecordedRequests();
        login.authenticate("7001", "592831", "+15005550006");

        var token = PROVIDER.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
        while (!token.getRequestUrl().encodedPath().endsWith("/token")) { // discovery and keys come first on a cold start
            assertThat(token.getRequestUrl().toString()).doesNotContain("592831");
            token = PROVIDER.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(token.getRequestUrl().toString()).endsWith("/bank/token").doesNotContain("592831");
        assertThat(token.getBody().readUtf8()).contains("password=592831").contains("grant_type=password")
                .contains("username=acct-7001");
    }

    private static void drainRecordedRequests() {
        try {
            while (true) {
                PROVIDER.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException empty) {
            // the queue is empty
        }
    }

    private static OidcDirectory directory(String issuer) {
        return new OidcDirectory(new DirectoryProperties.Oidc(URI.create(issuer), CLIENT_ID, CLIENT_SECRET, "acct-{account}",
                "account_number", "name", "openid profile", "", "", Duration.ofSeconds(5)),
                HttpClient.newHttpClient(), JsonMapper.builder().build());
    }

    private static String issuer() {
        return PROVIDER.issuerUrl(ISSUER_ID).toString();
    }

    private static MockOAuth2Server startProvider() {
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
        return server;
    }

    private static String username(TokenRequest request) {
        return request.getAuthorizationGrant() instanceof ResourceOwnerPasswordCredentialsGrant password
                ? password.getUsername() : "unknown";
    }
}
