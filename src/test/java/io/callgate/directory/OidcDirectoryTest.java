package io.callgate.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callgate.directory.IvrLogin.Outcome;
import io.callgate.directory.IvrLogin.Refusal;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestOidcProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** IVR login against a real OpenID Connect provider running in the test ({@link TestOidcProvider}). */
@CallgateTest
class OidcDirectoryTest {

    private static final TestOidcProvider PROVIDER = TestOidcProvider.start();

    @Autowired
    IvrLogin login;

    @Autowired
    JdbcClient db;

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        PROVIDER.configure(registry);
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

        var token = PROVIDER.server().takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
        while (!token.getRequestUrl().encodedPath().endsWith("/token")) { // discovery and keys come first on a cold start
            assertThat(token.getRequestUrl().toString()).doesNotContain("592831");
            token = PROVIDER.server().takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(token.getRequestUrl().toString()).endsWith("/bank/token").doesNotContain("592831");
        assertThat(token.getBody().readUtf8()).contains("password=592831").contains("grant_type=password")
                .contains("username=acct-7001");
    }

    private static void drainRecordedRequests() {
        try {
            while (true) {
                PROVIDER.server().takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException empty) {
            // the queue is empty
        }
    }

    private static OidcDirectory directory(String issuer) {
        return new OidcDirectory(new DirectoryProperties.Oidc(URI.create(issuer), TestOidcProvider.CLIENT_ID, TestOidcProvider.CLIENT_SECRET, "acct-{account}",
                "account_number", "name", "openid profile", "", "", Duration.ofSeconds(5)),
                HttpClient.newHttpClient(), JsonMapper.builder().build());
    }

    private static String issuer() {
        return PROVIDER.issuer();
    }
}
