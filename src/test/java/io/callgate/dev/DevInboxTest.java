package io.callgate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The dev inbox's JSON is a contract other tools read: exact keys, newest first, filter by destination. */
@CallgateTest
class DevInboxTest {

    @LocalServerPort
    int port;

    @Test
    void listsEveryMessageNewestFirstInTheDocumentedShape() {
        TestServer server = new TestServer(port);
        String service = server.createService("Inbox");
        server.form("/v2/Services/" + service + "/Verifications", Map.of("To", "+15557654321", "Channel", "sms"));
        server.form("/v2/Services/" + service + "/Verifications", Map.of("To", "+15557654321", "Channel", "call"));
        server.form("/v2/Services/" + service + "/Verifications", Map.of("To", "bob@example.org", "Channel", "email"));

        var all = TestServer.send(HttpRequest.newBuilder(URI.create(server.base() + "/dev/inbox"))
                .header("Accept", "application/json").build());
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        List<Map<String, Object>> messages = JsonMapper.builder().build().readValue(all.body(), new TypeReference<>() { });
        assertThat(messages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(messages.getFirst()).containsOnlyKeys("channel", "to", "body", "code", "sentAt")
                .containsEntry("channel", "email").containsEntry("to", "bob@example.org");
        assertThat((String) messages.getFirst().get("sentAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        var forNumber = server.inbox("+15557654321");
        assertThat(forNumber).extracting(TestServer.InboxMessage::channel).containsExactly("call", "sms");
        assertThat(forNumber.get(0).code()).isEqualTo(forNumber.get(1).code()).matches("\\d{6}");
        assertThat(forNumber.get(1).body()).isEqualTo("Your Inbox verification code is: " + forNumber.get(1).code()
                + ". It expires in 10 minutes.");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void warnsWhenItIsSwitchedOn(CapturedOutput output) {
        // Built as at start-up, when the dev delivery is configured.
        new DevInbox(10, Clock.systemUTC());
        assertThat(output.getOut()).containsPattern("WARN .*DEV INBOX ENABLED")
                .contains("instead of being sent").contains("Do not use this in production");
    }

    @Test
    void thePageEscapesWhatItShows() {
        TestServer server = new TestServer(port);
        String service = server.createService("<b>Inbox</b>");
        server.form("/v2/Services/" + service + "/Verifications", Map.of("To", "+15550001111", "Channel", "sms"));
        var page = TestServer.send(HttpRequest.newBuilder(URI.create(server.base() + "/dev/inbox?to=%2B15550001111"))
                .header("Accept", "text/html").build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("&lt;b&gt;Inbox&lt;/b&gt;").doesNotContain("<b>Inbox</b>")
                .contains("<label for=\"to\">");
    }
}
