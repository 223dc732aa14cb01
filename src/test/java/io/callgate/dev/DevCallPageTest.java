package io.callgate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.callgate.support.CallgateTest;
import io.callgate.support.TestCarrier;
import io.callgate.support.TestServer;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The /dev/call page, driven over HTTP like a browser with no script: start a call, answer prompts, read. */
@CallgateTest
@Import(DevCallPageTest.Lines.class)
class DevCallPageTest {

    /** The token of the carrier {@link CallgateTest} configures, which the page signs with. */
    static final String TOKEN = TestCarrier.TOKEN;

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) {
        return TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html").GET().build());
    }

    private HttpResponse<String> post(String path, String... pairs) {
        return TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.formBody(pairs))).build());
    }

    @Test
    void startsACallAsACallerIdAndAnswersItsPromptsStepByStep() {
        HttpResponse<String> form = get("/dev/call");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"line\">", "<label for=\"from\">", "<label for=\"to\">",
                "<label for=\"carrier\">", "<option selected>test</option>", "<label for=\"token\">",
                "<button type=\"submit\">Call</button>")
                .doesNotContain("<script", "http://", "https://");

        HttpResponse<String> dialled = post("/dev/call", "line", "/test-lines/board", "from", "+15551234567", "to", "",
                "carrier", "test");
        assertThat(dialled.statusCode()).isEqualTo(303);
        String call = dialled.headers().firstValue("Location").orElseThrow();
        assertThat(call).matches("/dev/call/CA[0-9a-f]{32}");

        HttpResponse<String> prompt = get(call);
        assertThat(prompt.statusCode()).isEqualTo(200);
        assertThat(prompt.body()).contains("Say: &quot;Welcome, +15551234567.&quot;", "<label for=\"keys\">",
                "value=\"press\"", "value=\"silence\"", "value=\"hangup\"");

        HttpResponse<String> wrong = post(call, "keys", "12ab", "action", "press");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("A phone keypad has only 0-9, * and #.");

        assertThat(post(call, "keys", "", "action", "silence").statusCode()).isEqualTo(303);
        assertThat(get(call).body()).contains("no input, timed out", "Say: &quot;Still there?&quot;");

        assertThat(post(call, "keys", "4 2 #", "action", "press").statusCode()).isEqualTo(303);
        String ended = get(call).body();
        assertThat(ended).contains("pressed 42#", "Dial Conference &quot;board&quot;", "Call ended: DIAL.")
                .doesNotContain("FINDING", "name=\"keys\"");

        String callSid = call.substring("/dev/call/".length());
        List<String> hits = Lines.HITS.stream().filter(hit -> hit.contains("CallSid=" + callSid)).toList();
        assertThat(hits).hasSize(3).allSatisfy(hit -> assertThat(hit).startsWith("signed "));
        assertThat(hits.get(2)).contains("Digits=42");
    }

    @Test
    void staysOnThisServerAndExplainsWhatItCannotDo() {
        HttpResponse<String> elsewhere = post("/dev/call", "line", "http://example.org/test-lines/board",
                "from", "+15551234567", "carrier", "test");
        assertThat(elsewhere.statusCode()).as("only the path is kept").isEqualTo(303);
        String call = elsewhere.headers().firstValue("Location").orElseThrow();
        assertThat(get(call).body()).contains("-&gt; POST http://127.0.0.1:" + port + "/test-lines/board");

        assertThat(post("/dev/call", "line", "test-lines/board", "from", "+15551234567").statusCode()).isEqualTo(400);
        HttpResponse<String> noFrom = post("/dev/call", "line", "/test-lines/board", "from", " ");
        assertThat(noFrom.statusCode()).isEqualTo(400);
        assertThat(noFrom.body()).contains("Give the caller ID");
        HttpResponse<String> noCarrier = post("/dev/call", "line", "/test-lines/board", "from", "+15551234567",
                "carrier", "nobody");
        assertThat(noCarrier.statusCode()).isEqualTo(400);
        assertThat(noCarrier.body()).contains("Choose a carrier, or give a token.");

        HttpResponse<String> forged = post("/dev/call", "line", "/test-lines/board", "from", "+15551234567",
                "token", "not-the-token");
        assertThat(get(forged.headers().firstValue("Location").orElseThrow()).body())
                .contains("[403]", "FINDING: HTTP 403", "Call ended: APPLICATION_ERROR");

        assertThat(get("/dev/call/CA00000000000000000000000000000000").statusCode()).isEqualTo(404);
        HttpResponse<String> hangUp = post(call, "action", "hangup");
        assertThat(hangUp.statusCode()).isEqualTo(303);
        assertThat(get(call).body()).contains("Caller hangs up", "Call ended: CALLER_HANGUP");
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Import(LinesController.class)
    static class Lines {
        static final List<String> HITS = new CopyOnWriteArrayList<>();
    }

    /** A line in TwiML that accepts only requests twilio-java's validator finds signed with {@link #TOKEN}. */
    @RestController
    static class LinesController {

        @PostMapping(path = "/test-lines/board", produces = "application/xml")
        ResponseEntity<String> board(@RequestParam Map<String, String> params, HttpServletRequest request) {
            boolean signed = new RequestValidator(TOKEN).validate(request.getRequestURL().toString(), params,
                    request.getHeader("X-Twilio-Signature"));
            if (!signed) {
                return ResponseEntity.status(403).build();
            }
            Lines.HITS.add("signed " + params);
            if (params.containsKey("Digits")) {
                return ResponseEntity.ok("<Response><Dial><Conference>board</Conference></Dial></Response>");
            }
            return ResponseEntity.ok("<Response><Say>Welcome, " + params.get("From") + ".</Say>"
                    + "<Gather><Say>Your code?</Say></Gather><Say>Still there?</Say><Redirect>/test-lines/board</Redirect>"
                    + "</Response>");
        }
    }
}
