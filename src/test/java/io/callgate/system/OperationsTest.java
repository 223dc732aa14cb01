package io.callgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health probes and the Prometheus counters operators alert on. */
@CallgateTest
class OperationsTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsUpAndVerificationCountersAreExported() {
        TestServer server = new TestServer(port);
        assertThat(get(server, "/actuator/health/liveness")).contains("\"UP\"");
        assertThat(get(server, "/actuator/health/readiness")).contains("\"UP\"");

        String service = server.createService("Ops");
        String to = "+15550003333";
        server.form("/v2/Services/" + service + "/Verifications", Map.of("To", to, "Channel", "sms"));
        server.form("/v2/Services/" + service + "/VerificationCheck", Map.of("To", to, "Code", "xxxxxx"));
        server.form("/v2/Services/" + service + "/VerificationCheck", Map.of("To", to, "Code", server.lastCode(to)));
        for (int i = 0; i < 10; i++) {
            server.form("/v2/Services/" + service + "/Verifications", Map.of("To", "+15550004444", "Channel", "sms"));
        }

        String metrics = get(server, "/actuator/prometheus");
        assertThat(metrics)
                .containsPattern("callgate_verifications_started_total\\{channel=\"sms\"[^}]*} [1-9]")
                .containsPattern("callgate_verifications_approved_total\\{channel=\"sms\"[^}]*} [1-9]")
                .containsPattern("callgate_verification_checks_total\\{outcome=\"wrong_code\"[^}]*} [1-9]")
                .containsPattern("callgate_verification_checks_total\\{outcome=\"approved\"[^}]*} [1-9]")
                .containsPattern("callgate_limit_hits_total\\{limit=\"verification-sends\"[^}]*} [1-9]");
    }

    private static String get(TestServer server, String path) {
        var response = TestServer.send(HttpRequest.newBuilder(URI.create(server.base() + path)).build());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
