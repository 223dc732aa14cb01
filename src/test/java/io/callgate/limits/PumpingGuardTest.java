package io.callgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.MutableClock;
import io.callgate.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** SMS pumping: a busy prefix is slowed, a prefix that stops converting is blocked for a while. */
@CallgateTest
@DirtiesContext
@TestPropertySource(properties = {
        "callgate.limits.pumping.enabled=true",
        "callgate.limits.pumping.max-sends-per-prefix-per-hour=30",
        "callgate.limits.pumping.min-sends=10",
        "callgate.limits.pumping.min-conversion-rate=0.5",
        "callgate.limits.pumping.grace=10m",
        "callgate.limits.pumping.block-duration=12h"})
@ExtendWith(OutputCaptureExtension.class)
class PumpingGuardTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Test
    void aBusyPrefixIsSlowedPerHour() {
        TestServer server = new TestServer(port);
        String path = "/v2/Services/" + server.createService("Velocity") + "/Verifications";
        for (int i = 0; i < 30; i++) {
            // Every other code is checked, so conversion stays healthy and only velocity is at stake.
            String to = "+1555021%04d".formatted(i);
            assertThat(start(server, path, to).statusCode()).isEqualTo(201);
            if (i % 2 == 0) {
                server.form(path.replace("Verifications", "VerificationCheck"), Map.of("To", to, "Code", server.lastCode(to)));
            }
        }
        HttpResponse<String> refused = start(server, path, "+15550219999");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(TestServer.json(refused.body())).containsEntry("code", 20429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        // Another prefix is not affected; the hour passes.
        assertThat(start(server, path, "+15550229999").statusCode()).isEqualTo(201);
        clock.advance(Duration.ofHours(1));
        assertThat(start(server, path, "+15550219999").statusCode()).isEqualTo(201);
    }

    @Test
    void aPrefixWhoseCodesAreNeverCheckedIsBlockedThenReleased(CapturedOutput log) {
        TestServer server = new TestServer(port);
        String service = server.createService("Pumped");
        String path = "/v2/Services/" + service + "/Verifications";
        for (int i = 0; i < 10; i++) {
            assertThat(start(server, path, "+44770090%04d".formatted(i)).statusCode()).isEqualTo(201);
        }
        // Within the grace the sends are not judged yet.
        assertThat(start(server, path, "+447700900010").statusCode()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(11));

        // The next send is judged: 11 sends, none converted, so the prefix trips.
        java.time.Instant blockedUntil = clock.instant().plus(Duration.ofHours(12));
        HttpResponse<String> tripping = start(server, path, "+447700900011");
        assertThat(tripping.statusCode()).isEqualTo(201);
        HttpResponse<String> blocked = start(server, path, "+447700900012");
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(blocked.body())).containsEntry("code", 60410);
        assertThat(server.inbox("+447700900012")).isEmpty();

        String metrics = TestServer.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.base() + "/actuator/prometheus")).build()).body();
        assertThat(metrics).containsPattern("callgate_pumping_blocks_total\\{country=\"GB\"[^}]*} 1");
        assertThat(log.getAll()).containsPattern(" WARN .*SMS pumping suspected: prefix \\+44770090xxxx \\(GB\\) converted 0 of 11"
                + " sends; blocked until " + java.util.regex.Pattern.quote(blockedUntil.toString()));

        // The block lifts after its duration; by then a day has passed and the old sends no longer count.
        clock.advance(Duration.ofHours(24));
        assertThat(start(server, path, "+447700900013").statusCode()).isEqualTo(201);
    }

    @Test
    void aServiceCanNarrowTheCountriesItReaches() {
        TestServer server = new TestServer(port);
        var created = server.form("/v2/Services", Map.of("FriendlyName", "Narrow", "AllowedCountries", "fr, DE"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(TestServer.json(created.body())).containsEntry("allowed_countries", java.util.List.of("DE", "FR"));
        String path = "/v2/Services/" + TestServer.json(created.body()).get("sid") + "/Verifications";
        assertThat(start(server, path, "+33612345678").statusCode()).isEqualTo(201);
        HttpResponse<String> refused = start(server, path, "+15550231234");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(refused.body())).containsEntry("code", 60605);
        assertThat(server.form("/v2/Services", Map.of("FriendlyName", "Bad", "AllowedCountries", "XX")).statusCode())
                .isEqualTo(400);
    }

    private static HttpResponse<String> start(TestServer server, String path, String to) {
        return server.form(path, Map.of("To", to, "Channel", "sms"));
    }
}
