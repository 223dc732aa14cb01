package io.callgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import io.callgate.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health probes and the Prometheus counters operators alert on. */
@CallgateTest
class OperationsTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

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
        // A code checked too late is counted as expired, once.
        double expired = expiredEmails(server);
        String late = "late@example.org";
        server.form("/v2/Services/" + service + "/Verifications", Map.of("To", late, "Channel", "email"));
        clock.advance(Duration.ofMinutes(10).plusMillis(1));
        for (int i = 0; i < 2; i++) {
            assertThat(server.form("/v2/Services/" + service + "/VerificationCheck", Map.of("To", late, "Code",
                    server.lastCode(late))).statusCode()).isEqualTo(404);
        }
        assertThat(expiredEmails(server)).isEqualTo(expired + 1);

        String metrics = get(server, "/actuator/prometheus");
        assertThat(metrics)
                .containsPattern("callgate_verifications_started_total\\{channel=\"sms\"[^}]*} [1-9]")
                .containsPattern("callgate_verifications_approved_total\\{channel=\"sms\"[^}]*} [1-9]")
                .containsPattern("callgate_verification_checks_total\\{outcome=\"wrong_code\"[^}]*} [1-9]")
                .containsPattern("callgate_verification_checks_total\\{outcome=\"approved\"[^}]*} [1-9]")
                .containsPattern("callgate_limit_hits_total\\{limit=\"verification-sends\"[^}]*} [1-9]");
    }

    private static double expiredEmails(TestServer server) {
        var value = Pattern.compile("callgate_verifications_expired_total\\{channel=\"email\"[^}]*} (\\S+)")
                .matcher(get(server, "/actuator/prometheus"));
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static String get(TestServer server, String path) {
        var response = TestServer.send(HttpRequest.newBuilder(URI.create(server.base() + path)).build());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
