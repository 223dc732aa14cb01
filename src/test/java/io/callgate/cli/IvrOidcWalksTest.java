package io.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.dev.CallSimulator;
import io.callgate.dev.Keypad;
import io.callgate.dev.Transcript;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestCarrier;
import io.callgate.support.TestOidcProvider;
import io.callgate.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The IVR walked through the simulator with its accounts at an OpenID Connect provider running in the test
 * ({@link TestOidcProvider}): the account number and PIN typed become the password grant's username and password.
 */
@CallgateTest
class IvrOidcWalksTest {

    private static final TestOidcProvider PROVIDER = TestOidcProvider.start();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    CallSimulator simulator;

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        PROVIDER.configure(registry);
        registry.add("callgate.voice.ivr.sso.prompts.welcome", () -> "Welcome to the single sign-on bank.");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @BeforeEach
    void setUp() {
        db.sql("delete from limit_event").update();
        simulator = CallSimulator.builder().token(TestCarrier.TOKEN).build();
    }

    private String ivr() {
        return new TestServer(port).base() + "/voice/ivr/sso";
    }

    @Test
    void theCallerIsGreetedWithTheNameInTheProvidersToken() {
        Transcript call = simulator.play(ivr(), "+15005550006", "+15550100000", Keypad.scripted("7001#", "592831#", "1", "9"));

        assertThat(call.findings()).as(call.toString()).isEmpty();
        assertThat(call.ending()).as(call.toString()).isEqualTo(Transcript.Ending.HANGUP);
        assertThat(call.said()).startsWith("Welcome to the single sign-on bank.")
                .contains("Welcome, Ada Lovelace.", "Your balance is not available by phone yet.");
        assertThat(call.toString()).doesNotContain("592831\"");
    }

    @Test
    void aWrongPinIsRefusedWithTheWordsOfAnAccountTheProviderDoesNotKnow() {
        Transcript wrong = simulator.play(ivr(), "+15005550007", "+15550100000",
                Keypad.scripted("7001#", "592830#", "7001#", "592830#", "7001#", "592830#"));
        Transcript unknown = simulator.play(ivr(), "+15005550008", "+15550100000",
                Keypad.scripted("7999#", "592831#", "7999#", "592831#", "7999#", "592831#"));

        IvrRefusals.assertRefusedAlike(wrong, unknown, "Welcome, Ada Lovelace.");
        assertThat(wrong.said()).contains("Too many attempts. Goodbye.");
    }
}
