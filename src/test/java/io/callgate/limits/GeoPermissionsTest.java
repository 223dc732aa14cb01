package io.callgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A country outside the allow-list gets no sms or call, and nothing is sent or counted. */
@CallgateTest
@TestPropertySource(properties = "callgate.limits.allowed-countries=US, ca")
class GeoPermissionsTest {

    @LocalServerPort
    int port;

    @Test
    void onlyAllowedCountriesReceivePhoneCodes() {
        TestServer server = new TestServer(port);
        String service = server.createService("Geo");
        String path = "/v2/Services/" + service + "/Verifications";

        assertThat(server.form(path, Map.of("To", "+15550005555", "Channel", "sms")).statusCode()).isEqualTo(201);
        assertThat(server.form(path, Map.of("To", "+16135550123", "Channel", "call")).statusCode()).isEqualTo(201);

        for (String channel : new String[] {"sms", "call"}) {
            var refused = server.form(path, Map.of("To", "+447700900123", "Channel", channel));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(TestServer.json(refused.body())).containsEntry("code", 60605);
        }
        assertThat(server.inbox("+447700900123")).isEmpty();
        // Email has no country.
        assertThat(server.form(path, Map.of("To", "someone@example.co.uk", "Channel", "email")).statusCode()).isEqualTo(201);
    }
}
