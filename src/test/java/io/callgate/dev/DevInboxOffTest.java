package io.callgate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Without the dev profile there is no inbox, and with no provider a start is refused instead of lost. */
@CallgateTest
@TestPropertySource(properties = "callgate.dev.inbox.enabled=false")
class DevInboxOffTest {

    @LocalServerPort
    int port;

    @Test
    void noInboxAndNoSilentlyDroppedCodes() {
        TestServer server = new TestServer(port);
        var inbox = TestServer.send(HttpRequest.newBuilder(URI.create(server.base() + "/dev/inbox"))
                .header("Accept", "application/json").build());
        assertThat(inbox.statusCode()).isEqualTo(404);
        var callPage = TestServer.send(HttpRequest.newBuilder(URI.create(server.base() + "/dev/call"))
                .header("Accept", "text/html").build());
        assertThat(callPage.statusCode()).isEqualTo(404);

        String service = server.createService("Off");
        var start = server.form("/v2/Services/" + service + "/Verifications", Map.of("To", "+15550002222", "Channel", "sms"));
        assertThat(start.statusCode()).isEqualTo(503);
        assertThat(TestServer.json(start.body())).containsEntry("code", 20503);
        assertThat(start.headers().firstValue("Retry-After")).isPresent();
    }
}
