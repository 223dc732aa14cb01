package io.callgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.dev.CallSimulator;
import io.callgate.dev.CallStep;
import io.callgate.dev.Keypad;
import io.callgate.dev.Transcript;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestCarrier;
import io.callgate.support.TestServer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Calls reach the console through a contact-center line, walked with the call simulator: a caller who logged in
 * on the IVR and chose "agent" arrives verified as their account; any other caller arrives waiting for a code.
 */
@CallgateTest
@TestPropertySource(properties = {
        "callgate.voice.contact-center.support.connect=client:agents",
        "callgate.voice.contact-center.support.hold=Please hold for the next agent.",
        "callgate.voice.ivr.bank.menu[0].label=To speak to an agent, press 0.",
        "callgate.voice.ivr.bank.menu[0].transfer=/voice/contact-center/support",
        "callgate.voice.ivr.bank.menu[9].label=To end the call, press 9.",
        "callgate.voice.ivr.bank.menu[9].exit=true"})
class ContactCenterLineTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    Clock clock;

    TestServer server;
    CallSimulator simulator;

    @BeforeEach
    void setUp() {
        server = new TestServer(port);
        new AgentFixture(server, db, clock);
        simulator = CallSimulator.builder().token(TestCarrier.TOKEN).build();
    }

    @Test
    void aCallerWhoLoggedInOnTheIvrReachesTheAgentVerified() {
        Transcript call = simulator.play(server.base() + "/voice/ivr/bank", "+15005550006", "+15550100000",
                Keypad.scripted(AgentFixture.CUSTOMER + "#", "480213#", "0"));

        assertThat(call.findings()).as(call.toString()).isEmpty();
        assertThat(call.said()).contains("Welcome, " + AgentFixture.CUSTOMER_NAME + ".", "Please hold for the next agent.");
        assertThat(call.dial()).get().satisfies(dial -> assertThat(dial.describe()).contains("Client \"agents\""));
        Map<String, Object> row = db.sql("select * from interaction").query().singleRow();
        assertThat(row).containsEntry("status", "verified").containsEntry("verified_by", "ivr")
                .containsEntry("customer_ref", AgentFixture.CUSTOMER).containsEntry("caller", "+15005550006")
                .containsEntry("source", "call");

        ConsoleClient ada = ConsoleClient.signedIn(server.base(), "ada");
        String page = ada.get("/agent/interactions/" + row.get("sid")).body();
        assertThat(page).contains("(in the IVR)", AgentFixture.CUSTOMER_NAME, AgentFixture.SECRET_DETAIL);
    }

    @Test
    void anyOtherCallerWaitsForACodeAndRedeliveriesOpenOneInteraction() {
        Transcript call = CallSimulator.builder().token(TestCarrier.TOKEN).redeliver(true).build()
                .play(server.base() + "/voice/contact-center/support", "+14155550123", "+15550100000", Keypad.scripted());

        assertThat(call.findings()).as(call.toString()).isEmpty();
        assertThat(call.of(CallStep.Say.class)).extracting(CallStep.Say::text).containsExactly("Please hold for the next agent.");
        assertThat(db.sql("select status, caller, customer_ref from interaction").query().listOfRows())
                .singleElement().satisfies(r -> assertThat(r).containsEntry("status", "waiting")
                        .containsEntry("caller", "+14155550123").containsEntry("customer_ref", null));
    }

    @Test
    void withheldNumbersUnknownLinesAndUnsignedCallsGetClearAnswers() {
        Transcript withheld = simulator.play(server.base() + "/voice/contact-center/support", "anonymous", "+15550100000",
                Keypad.scripted());
        assertThat(withheld.findings()).as(withheld.toString()).isEmpty();
        assertThat(db.sql("select caller from interaction").query(String.class).list()).containsExactly("anonymous");

        Transcript unknown = simulator.play(server.base() + "/voice/contact-center/nope", "+14155550123", "+15550100000",
                Keypad.scripted());
        assertThat(unknown.toString()).contains("404");

        Transcript unsigned = CallSimulator.builder().token(null).build()
                .play(server.base() + "/voice/contact-center/support", "+14155550199", "+15550100000", Keypad.scripted());
        assertThat(unsigned.toString()).contains("403");
        assertThat(db.sql("select count(*) from interaction").query(Integer.class).single()).isEqualTo(1);
    }
}
