package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.DatabaseContents;
import io.callgate.support.MutableClock;
import io.callgate.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A code exists in the clear only in the message that delivers it (ST-1, WH-5, WH-6): after a whole
 * lifecycle on every channel, no code, nor a wrong guess, is in any table, log line, API response
 * or URL, and the protected copies are erased once a verification ends.
 */
@CallgateTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "logging.level.io.callgate=DEBUG",
        "logging.level.org.springframework.jdbc.core=DEBUG",
        // Bound parameter values are logged only at TRACE: this would show a code passed to SQL.
        "logging.level.org.springframework.jdbc.core.StatementCreatorUtils=TRACE"})
class NoPlainCodeTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    TestServer server;
    JdbcTemplate jdbc;
    final List<HttpResponse<String>> exchanges = new ArrayList<>();
    final Set<String> guesses = new LinkedHashSet<>();

    @Test
    void noCodeIsStoredLoggedEchoedOrPutInAUrl(CapturedOutput output) {
        server = new TestServer(port);
        jdbc = new JdbcTemplate(dataSource);
        String service = sid(form("/v2/Services", "FriendlyName", "Canary"));
        String longCodes = sid(form("/v2/Services", "FriendlyName", "Canary long", "CodeLength", "10"));
        String verifications = "/v2/Services/" + service + "/Verifications";
        String check = "/v2/Services/" + service + "/VerificationCheck";

        // sms: start, resend (the same code again), a wrong check, the right check.
        String smsTo = "+15550301001";
        String sms = sid(form(verifications, "To", smsTo, "Channel", "sms"));
        assertProtected(sms);
        form(verifications, "To", smsTo, "Channel", "sms");
        String smsCode = server.lastCode(smsTo);
        assertThat(json(form(check, "To", smsTo, "Code", guess(smsCode, 1)))).containsEntry("status", "pending");
        assertProtected(sms);
        assertThat(json(form(check, "VerificationSid", sms, "Code", smsCode))).containsEntry("status", "approved");
        assertErased(sms, "approved");

        // call, then canceled.
        String callTo = "+15550301002";
        String call = sid(form(verifications, "To", callTo, "Channel", "call"));
        assertProtected(call);
        assertThat(json(form(verifications + "/" + call, "Status", "canceled"))).containsEntry("status", "canceled");
        assertErased(call, "canceled");

        // Five wrong checks use the verification up; the right code is then refused.
        String maxTo = "+15550301003";
        String max = sid(form(verifications, "To", maxTo, "Channel", "sms"));
        String maxCode = server.lastCode(maxTo);
        for (int i = 0; i < 5; i++) {
            form(check, "To", maxTo, "Code", guess(maxCode, i + 1));
        }
        assertErased(max, "max_attempts_reached");
        assertThat(form(check, "To", maxTo, "Code", maxCode).statusCode()).isEqualTo(429);

        // email with a 10-digit code, left to expire.
        String emailTo = "canary@example.com";
        String email = sid(form("/v2/Services/" + longCodes + "/Verifications", "To", emailTo, "Channel", "email"));
        assertProtected(email);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(get("/v2/Services/" + longCodes + "/Verifications/" + email).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/verifications/" + email))).containsEntry("status", "expired");
        assertErased(email, "expired");

        List<TestServer.InboxMessage> inbox = server.inbox(null);
        assertThat(inbox).hasSize(5);
        Set<String> codes = new LinkedHashSet<>(inbox.stream().map(TestServer.InboxMessage::code).toList());
        assertThat(codes).hasSize(4).allMatch(c -> c.matches("\\d{6}|\\d{10}"));
        codes.addAll(guesses);
        // The searches below do find a code where there is one: in the message that carried it.
        for (TestServer.InboxMessage m : inbox) {
            assertThat(firstCode(m.body(), Set.of(m.code()))).as("the %s message", m.channel()).isNotNull();
        }

        String rows = DatabaseContents.dump(dataSource);
        assertThat(rows).contains(sms, call, max, email, "flyway_schema_history");
        assertNoCode("the database", rows, codes);

        // The net is live: application debug lines and bound SQL parameters were captured.
        assertThat(output.getAll()).contains("handed to dev-inbox", "insert into verification",
                "Setting SQL statement parameter value");
        assertNoCode("the log output", output.getAll(), codes);

        assertThat(exchanges).hasSizeGreaterThan(15);
        for (HttpResponse<String> response : exchanges) {
            String what = response.request().method() + " " + response.request().uri();
            assertNoCode("the URL of " + what, response.request().uri().toString(), codes);
            assertNoCode("the response headers of " + what, response.headers().map().toString(), codes);
            assertNoCode("the response body of " + what, response.body(), codes);
        }
    }

    /** A pending verification keeps an HMAC of its code and a sealed copy, nothing else. */
    private void assertProtected(String sid) {
        Map<String, Object> row = jdbc.queryForMap("select status, code_hmac, code_sealed from verification where sid = ?", sid);
        assertThat(row.get("status")).isEqualTo("pending");
        assertThat((String) row.get("code_hmac")).matches("[0-9a-f]{64}");
        // AES-GCM: a 12-byte IV and a 16-byte tag around the sealed digits.
        assertThat(Base64.getDecoder().decode((String) row.get("code_sealed"))).hasSizeGreaterThan(12 + 16);
    }

    private void assertErased(String sid, String status) {
        Map<String, Object> row = jdbc.queryForMap("select status, code_hmac, code_sealed from verification where sid = ?", sid);
        assertThat(row).containsEntry("status", status).containsEntry("code_hmac", null).containsEntry("code_sealed", null);
    }

    private static void assertNoCode(String where, String text, Set<String> codes) {
        assertThat(firstCode(text, codes)).as("a code in " + where).isNull();
    }

    /**
     * The first code found in {@code text}, with some context, or null: as a word of its own (so a
     * code inside a sid or a longer number does not count) or spoken digit by digit, as calls read it.
     */
    private static String firstCode(String text, Set<String> codes) {
        for (String code : codes) {
            String spoken = code.chars().mapToObj(c -> Pattern.quote(String.valueOf((char) c))).collect(Collectors.joining(", "));
            Matcher m = Pattern.compile("(?<![A-Za-z0-9])(" + Pattern.quote(code) + "|" + spoken + ")(?![A-Za-z0-9])")
                    .matcher(text);
            if (m.find()) {
                return code + " at: " + text.substring(Math.max(0, m.start() - 80), Math.min(text.length(), m.end() + 80));
            }
        }
        return null;
    }

    /** A wrong guess at {@code code}: its last digit moved on by {@code shift} (1–9); kept, as guesses must not leak either. */
    private String guess(String code, int shift) {
        int last = code.length() - 1;
        String wrong = code.substring(0, last) + (char) ('0' + (code.charAt(last) - '0' + shift) % 10);
        guesses.add(wrong);
        return wrong;
    }

    private HttpResponse<String> form(String path, String... pairs) {
        return recorded(server.form(path, pairs));
    }

    private HttpResponse<String> get(String path) {
        return recorded(server.get(path));
    }

    private HttpResponse<String> recorded(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        exchanges.add(response);
        return response;
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return TestServer.json(response.body());
    }

    private static String sid(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) json(response).get("sid");
    }
}
