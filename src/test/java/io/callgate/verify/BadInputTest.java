package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.support.CallgateTest;
import io.callgate.support.DatabaseContents;
import io.callgate.support.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every kind of bad request gets its documented 4xx in Twilio's error format, never a 5xx, and
 * leaves no trace: not a row in any table, not a changed counter, not a message in the inbox.
 */
@CallgateTest
class BadInputTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String NO_SUCH_SERVICE = "VA00000000000000000000000000000000";
    // Numbers of their own, so the per-destination caps of other classes sharing the context do not interfere.
    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(1000);

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    TestServer server;
    String service;
    String verifications;
    String pendingSid;
    String pendingTo;
    String foreignSid;
    String foreignCode;

    @BeforeEach
    void setUp() {
        // The snapshot covers every table in the catalog; make sure that means these at least.
        assertThat(DatabaseContents.tables(dataSource)).contains("verify_service", "verification", "send_attempt",
                "limit_event", "limit_subject", "rate_limit", "rate_limit_bucket", "api_key", "flyway_schema_history");
        server = new TestServer(port);
        service = created(server.form("/v2/Services", "FriendlyName", "Bad input"));
        verifications = "/v2/Services/" + service + "/Verifications";
        pendingTo = freshNumber();
        pendingSid = created(server.form(verifications, "To", pendingTo, "Channel", "sms"));

        String other = created(server.form("/v2/Services", "FriendlyName", "Someone else"));
        String foreignTo = freshNumber();
        foreignSid = created(server.form("/v2/Services/" + other + "/Verifications", "To", foreignTo, "Channel", "sms"));
        foreignCode = server.lastCode(foreignTo);
    }

    @Test
    void destinationsThatAreNotE164AreRefused() {
        for (String to : List.of("5551234567", "15550201234", "+1555CALLNOW", "+1 555 CALL NOW", "+12", "+1234",
                "+1234567890123456", "+12345678901234567890", "+0123456789", "+00441234567890", "sip:alice@example.com",
                "anonymous", "", "   ", "+", "++15550201234", "+1555020\u0661234", "+15550201234;ext=1",
                "ada@example.com")) {
            assertRefused(formPost(verifications, "To", to, "Channel", "sms"), 400, 60200);
        }
        for (String to : List.of("+15550201234", "ada@", "@example.com", "ada@example", "ada example.com", "")) {
            assertRefused(formPost(verifications, "To", to, "Channel", "email"), 400, 60200);
        }
        assertThat(body(assertRefused(formPost(verifications, "Channel", "sms"), 400, 60200)).get("message").toString())
                .contains("To");
    }

    @Test
    void unknownChannelsAndBadOptionsAreRefused() {
        String to = freshNumber();
        for (String channel : List.of("pigeon", "", "sms ", "voice")) {
            assertRefused(formPost(verifications, "To", to, "Channel", channel), 400, 60200);
        }
        assertRefused(formPost(verifications, "To", to), 400, 60200);
        for (String rateLimits : List.of("{", "[]", "\"ip\"", "null", "{\"end_user_ip_address\":{\"nested\":true}}",
                "{\"end_user_ip_address\":[\"203.0.113.7\"]}", "{\"end_user_ip_address\":\"" + "9".repeat(257) + "\"}")) {
            assertRefused(formPost(verifications, "To", to, "Channel", "sms", "RateLimits", rateLimits), 400, 60200);
        }
        assertRefused(formPost(verifications, "To", to, "Channel", "sms", "Locale", "not a locale"), 400, 60200);
        assertRefused(formPost(verifications, "To", to, "Channel", "sms", "CustomFriendlyName", "x".repeat(31)), 400, 60200);
        // Custom codes need the service setting, whatever the code looks like.
        assertRefused(formPost(verifications, "To", to, "Channel", "sms", "CustomCode", "4242"), 400, 60204);
    }

    @Test
    void checksWithBadCodesOrNoTargetAreRefused() {
        String check = "/v2/Services/" + service + "/VerificationCheck";
        String code = server.lastCode(pendingTo);
        assertRefused(formPost(check, "To", pendingTo, "Code", "123"), 400, 60200);
        assertRefused(formPost(check, "To", pendingTo, "Code", "12345678901"), 400, 60200);
        assertRefused(formPost(check, "VerificationSid", pendingSid, "Code", "123"), 400, 60200);
        assertRefused(formPost(check, "To", pendingTo), 400, 60200);
        assertRefused(formPost(check, "To", pendingTo, "Code", ""), 400, 60200);
        assertRefused(formPost(check, "Code", code), 400, 60200);
        assertRefused(formPost(check, "Code", code, "To", "", "VerificationSid", ""), 400, 60200);
        assertRefused(formPost(check, "Code", code, "To", "not a number"), 400, 60200);
        // The right code sent wrongly is not used up either: it still approves.
        assertThat(TestServer.json(server.form(check, "To", pendingTo, "Code", code).body()))
                .containsEntry("status", "approved");
    }

    @Test
    void bodiesOver64KbAre413() {
        String large = TestServer.formBody("To", freshNumber(), "Channel", "sms", "Pad", "x".repeat(64 * 1024));
        assertRefused(rawFormPost(verifications, large), 413, 60200);
        // Without a declared length the body is streamed; the limit still holds.
        var chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8)));
        assertRefused(request(verifications).header("Content-Type", FORM).POST(chunked).build(), 413, 60200);
        // The limit itself is allowed: this one is read, and refused only for its channel.
        String head = TestServer.formBody("To", freshNumber(), "Channel", "pigeon", "Pad", "");
        String exact = head + "x".repeat(64 * 1024 - head.length());
        assertRefused(rawFormPost(verifications, exact), 400, 60200);
    }

    @Test
    void formsThatCannotBeDecodedAre400() {
        String to = freshNumber();
        assertRefused(rawFormPost(verifications, "To=%zz&Channel=sms"), 400, 60200);
        // A truncated UTF-8 sequence.
        assertRefused(rawFormPost(verifications, TestServer.formBody("To", to, "Channel", "sms") + "&x=%E2%28"),
                400, 60200);
        // More parameters than the server reads at all.
        String many = TestServer.formBody("To", to, "Channel", "sms") + "&p=1".repeat(1000);
        assertRefused(rawFormPost(verifications, many), 400, 60200);
    }

    @Test
    void bodiesThatAreNotFormsAre415() {
        String to = freshNumber();
        String json = "{\"To\":\"" + to + "\",\"Channel\":\"sms\"}";
        assertRefused(request(verifications).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json))
                .build(), 415, 60200);
        assertRefused(request(verifications).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(TestServer.formBody("To", to, "Channel", "sms"))).build(), 415, 60200);
        assertRefused(request(verifications).POST(BodyPublishers.ofString(TestServer.formBody("To", to, "Channel", "sms"))).build(),
                415, 60200);
        assertRefused(request("/v2/Services").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"FriendlyName\":\"Acme\"}")).build(), 415, 60200);
    }

    @Test
    void badCredentialsAre401AndSayNothingMore() {
        String valid = TestServer.formBody("To", freshNumber(), "Channel", "sms");
        List<String> authorizations = new ArrayList<>(List.of(
                TestServer.basic(TestServer.ACCOUNT_SID, "wrong"),
                TestServer.basic(TestServer.ACCOUNT_SID, ""),
                TestServer.basic(TestServer.ACCOUNT_SID, TestServer.AUTH_TOKEN + "x"),
                TestServer.basic("AC00000000000000000000000000000002", TestServer.AUTH_TOKEN),
                TestServer.basic("SK00000000000000000000000000000000", TestServer.AUTH_TOKEN),
                TestServer.basic(TestServer.AUTH_TOKEN, TestServer.ACCOUNT_SID),
                "Basic " + java.util.Base64.getEncoder().encodeToString(TestServer.ACCOUNT_SID.getBytes(StandardCharsets.UTF_8)),
                "Basic !!!not base64!!!",
                "Basic ",
                "Basic",
                "Bearer " + TestServer.AUTH_TOKEN,
                TestServer.ACCOUNT_SID + ":" + TestServer.AUTH_TOKEN));
        List<String> bodies = new ArrayList<>();
        for (String authorization : authorizations) {
            for (HttpRequest request : List.of(
                    unauthenticated(verifications).header("Authorization", authorization).header("Content-Type", FORM)
                            .POST(BodyPublishers.ofString(valid)).build(),
                    unauthenticated("/v2/Services").header("Authorization", authorization).GET().build())) {
                bodies.add(assertUnauthenticated(request));
            }
        }
        bodies.add(assertUnauthenticated(unauthenticated(verifications).header("Content-Type", FORM)
                .POST(BodyPublishers.ofString(valid)).build()));
        bodies.add(assertUnauthenticated(unauthenticated("/v2/Attempts").GET().build()));
        // One answer for every cause, so a caller learns nothing about which part was wrong.
        assertThat(bodies).containsOnly(bodies.getFirst());
    }

    private String assertUnauthenticated(HttpRequest request) {
        HttpResponse<String> response = assertRefused(request, 401, 20003);
        assertThat(response.headers().allValues("WWW-Authenticate")).allSatisfy(challenge ->
                assertThat(challenge).isEqualTo("Basic realm=\"callgate\""));
        assertThat(response.headers().map().toString() + response.body())
                .doesNotContain(TestServer.ACCOUNT_SID, TestServer.AUTH_TOKEN, "AC00000000000000000000000000000002",
                        "SK00000000000000000000000000000000");
        return response.body();
    }

    @Test
    void unknownForeignAndMalformedSidsAre404() {
        String mine = "/v2/Services/" + service;
        assertRefused(get("/v2/Services/" + NO_SUCH_SERVICE), 404, 20404);
        assertRefused(formPost("/v2/Services/" + NO_SUCH_SERVICE + "/Verifications", "To", freshNumber(), "Channel", "sms"),
                404, 20404);
        assertRefused(formPost("/v2/Services/" + NO_SUCH_SERVICE + "/VerificationCheck", "To", pendingTo, "Code", "123456"),
                404, 20404);
        assertRefused(get("/v2/Services/" + NO_SUCH_SERVICE + "/RateLimits"), 404, 20404);

        // A verification of another service is as unknown as one that never existed.
        assertRefused(get(mine + "/Verifications/" + foreignSid), 404, 20404);
        assertRefused(formPost(mine + "/Verifications/" + foreignSid, "Status", "canceled"), 404, 20404);
        assertRefused(formPost(mine + "/Verifications/" + foreignSid, "Status", "approved"), 404, 20404);
        assertRefused(formPost(mine + "/VerificationCheck", "VerificationSid", foreignSid, "Code", foreignCode), 404, 20404);

        for (String sid : List.of("not-a-sid", "VA", "VE" + "0".repeat(40), "x".repeat(500), "VA%20", "%E2%98%83",
                "VA0000000000000000000000000000000g")) {
            assertRefused(get("/v2/Services/" + sid), 404, 20404);
            assertRefused(formPost("/v2/Services/" + sid + "/Verifications", "To", freshNumber(), "Channel", "sms"), 404, 20404);
            assertRefused(get(mine + "/Verifications/" + sid), 404, 20404);
            assertRefused(formPost(mine + "/Verifications/" + sid, "Status", "canceled"), 404, 20404);
            assertRefused(get(mine + "/RateLimits/" + sid), 404, 20404);
            assertRefused(get("/v2/Attempts/" + sid), 404, 20404);
            assertRefused(get("/api/verifications/" + sid), 404, 20404);
        }
        for (String sid : List.of("VE123", "not-a-sid", "x".repeat(500), pendingSid.toUpperCase(java.util.Locale.ROOT))) {
            assertRefused(formPost(mine + "/VerificationCheck", "VerificationSid", sid, "Code", "123456"), 404, 20404);
        }
        assertRefused(get("/v2/NoSuchResource"), 404, 20404);
    }

    @Test
    void badPagingAndFiltersAre400() {
        for (String list : List.of("/v2/Services", "/v2/Attempts", "/v2/Services/" + service + "/RateLimits")) {
            for (String query : List.of("PageSize=0", "PageSize=1001", "PageSize=abc", "PageSize=-1", "PageSize=1e3",
                    "PageSize=99999999999", "Page=-1", "Page=abc", "PageSize=1000&Page=2147484")) {
                assertRefused(get(list + "?" + query), 400, 60200);
            }
        }
        for (String query : List.of("DateCreatedAfter=yesterday", "DateCreatedAfter=2026-13-45T00:00:00Z",
                "DateCreatedBefore=1700000000", "Channel=pigeon", "Status=bogus",
                "Country=USA")) {
            assertRefused(get("/v2/Attempts?" + query), 400, 60200);
            assertRefused(get("/v2/Attempts/Summary?" + query), 400, 60200);
        }
    }

    @Test
    void badRateLimitsBucketsAndKeysAreRefused() {
        String rateLimits = "/v2/Services/" + service + "/RateLimits";
        for (String name : List.of("has space", "", "x".repeat(65), "ip/address")) {
            assertRefused(formPost(rateLimits, "UniqueName", name), 400, 60200);
        }
        assertRefused(formPost(rateLimits), 400, 60200);
        assertRefused(formPost(rateLimits, "UniqueName", "ip", "Description", "x".repeat(256)), 400, 60200);

        String limit = created(server.form(rateLimits, "UniqueName", "end_user_ip_address"));
        String buckets = rateLimits + "/" + limit + "/Buckets";
        for (String[] bucket : List.of(new String[] {"0", "60"}, new String[] {"1", "0"}, new String[] {"-1", "60"},
                new String[] {"1000001", "60"}, new String[] {"10", "2592001"}, new String[] {"ten", "60"},
                new String[] {"10", "1.5"})) {
            assertRefused(formPost(buckets, "Max", bucket[0], "Interval", bucket[1]), 400, 60200);
        }
        assertRefused(formPost(buckets, "Max", "10"), 400, 60200);
        assertRefused(formPost(rateLimits + "/RK00000000000000000000000000000000/Buckets", "Max", "10", "Interval", "60"),
                404, 20404);

        String keys = "/2010-04-01/Accounts/" + TestServer.ACCOUNT_SID + "/Keys.json";
        assertRefused(formPost(keys, "FriendlyName", "x".repeat(65)), 400, 60200);
        assertRefused(formPost("/2010-04-01/Accounts/AC00000000000000000000000000000002/Keys.json", "FriendlyName", "k"),
                404, 20404);
    }

    @Test
    void anUpdateToAnythingButCanceledOrApprovedIs400() {
        String path = verifications + "/" + pendingSid;
        for (String status : List.of("bogus", "pending", "expired", "max_attempts_reached", "CANCELED", "")) {
            assertRefused(formPost(path, "Status", status), 400, 60200);
        }
        assertRefused(formPost(path), 400, 60200);
    }

    @Test
    void unsupportedMethodsAre405() {
        String pending = verifications + "/" + pendingSid;
        assertRefused(request("/v2/Services").PUT(BodyPublishers.ofString(TestServer.formBody("FriendlyName", "Acme")))
                .header("Content-Type", FORM).build(), 405, 20004);
        assertRefused(request(pending).PUT(BodyPublishers.ofString(TestServer.formBody("Status", "canceled")))
                .header("Content-Type", FORM).build(), 405, 20004);
        assertRefused(request(pending).DELETE().build(), 405, 20004);
        assertRefused(request(pending).method("PATCH", BodyPublishers.ofString(TestServer.formBody("Status", "canceled")))
                .header("Content-Type", FORM).build(), 405, 20004);
        assertRefused(request("/v2/Services/" + service + "/VerificationCheck").GET().build(), 405, 20004);
        assertRefused(request("/v2/Attempts").DELETE().build(), 405, 20004);
    }

    /**
     * Sends a request that must be refused: checks the status and Twilio's error body, and that the
     * database and the dev inbox are exactly as they were.
     */
    private HttpResponse<String> assertRefused(HttpRequest request, int status, int code) {
        String what = request.method() + " " + request.uri();
        Map<String, Long> counts = DatabaseContents.rowCounts(dataSource);
        String rows = DatabaseContents.dump(dataSource);
        List<TestServer.InboxMessage> inbox = server.inbox(null);

        HttpResponse<String> response = TestServer.send(request);

        assertThat(response.statusCode()).as(what + " -> " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        Map<String, Object> body = body(response);
        assertThat(body).as(what).containsOnlyKeys("code", "message", "more_info", "status")
                .containsEntry("code", code).containsEntry("status", status)
                .containsEntry("more_info", "https://www.twilio.com/docs/errors/" + code);
        assertThat(body.get("message")).as(what).isInstanceOf(String.class).asString().isNotBlank();

        assertThat(DatabaseContents.rowCounts(dataSource)).as("row counts after " + what).isEqualTo(counts);
        assertThat(DatabaseContents.dump(dataSource)).as("rows after " + what).isEqualTo(rows);
        assertThat(server.inbox(null)).as("dev inbox after " + what).isEqualTo(inbox);
        return response;
    }

    private static Map<String, Object> body(HttpResponse<String> response) {
        return TestServer.json(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return server.request(path);
    }

    private HttpRequest.Builder unauthenticated(String path) {
        return HttpRequest.newBuilder(java.net.URI.create(server.base() + path));
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    /** A form POST of the given name/value pairs, in order; empty values are sent as given. */
    private HttpRequest formPost(String path, String... pairs) {
        return rawFormPost(path, TestServer.formBody(pairs));
    }

    private HttpRequest rawFormPost(String path, String body) {
        return request(path).header("Content-Type", FORM).POST(BodyPublishers.ofString(body)).build();
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) TestServer.json(response.body()).get("sid");
    }

    private static String freshNumber() {
        return "+1555020" + NEXT_NUMBER.getAndIncrement();
    }
}
