package io.callgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.callgate.CallgateApplication;
import io.callgate.support.TestServer;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart loses nothing (REL-3): a pending code is still checkable, with its counters, and the
 * secrets generated at first start are kept, so codes and credentials from before still work.
 */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void aPendingCodeAndItsCountersSurviveARestart() {
        String service;
        String sid;
        String code;
        String exhausted;
        String exhaustedCode;
        try (var first = start(configuredCredentials())) {
            TestServer server = server(first, TestServer.ACCOUNT_SID, TestServer.AUTH_TOKEN);
            service = sid(post(server, "/v2/Services", "FriendlyName", "Restart"));
            sid = sid(post(server, verifications(service), "To", "+15550501001", "Channel", "sms"));
            code = server.lastCode("+15550501001");
            assertThat(status(post(server, check(service), "To", "+15550501001", "Code", wrong(code)))).isEqualTo("pending");

            exhausted = sid(post(server, verifications(service), "To", "+15550501002", "Channel", "sms"));
            exhaustedCode = server.lastCode("+15550501002");
            for (int i = 0; i < 4; i++) {
                assertThat(status(post(server, check(service), "To", "+15550501002", "Code", wrong(exhaustedCode))))
                        .isEqualTo("pending");
            }
        }

        try (var second = start(configuredCredentials())) {
            TestServer server = server(second, TestServer.ACCOUNT_SID, TestServer.AUTH_TOKEN);
            assertThat(TestServer.json(server.get("/api/verifications/" + sid).body()))
                    .containsEntry("status", "pending").containsEntry("check_attempts", 1).containsEntry("send_attempts", 1);
            // A resend repeats the code sealed before the restart.
            assertThat(sid(post(server, verifications(service), "To", "+15550501001", "Channel", "sms"))).isEqualTo(sid);
            assertThat(server.lastCode("+15550501001")).isEqualTo(code);
            assertThat(status(post(server, check(service), "VerificationSid", sid, "Code", code))).isEqualTo("approved");

            // Four wrong checks before, so the fifth after is the last one allowed.
            assertThat(status(post(server, check(service), "VerificationSid", exhausted, "Code", wrong(exhaustedCode))))
                    .isEqualTo("max_attempts_reached");
        }
    }

    @Test
    void generatedSecretsAreWrittenOnceAndReused() throws IOException {
        Path secretsFile = dir.resolve("callgate-secrets.properties");
        String accountSid;
        String token;
        String service;
        String sid;
        String code;
        try (var first = start(generatedCredentials())) {
            Properties secrets = load(secretsFile);
            accountSid = secrets.getProperty("account-sid");
            token = secrets.getProperty("auth-token");
            assertThat(accountSid).matches("AC[0-9a-f]{32}").isNotEqualTo(TestServer.ACCOUNT_SID);
            assertThat(token).isNotBlank();
            assertThat(java.util.Base64.getDecoder().decode(secrets.getProperty("secret-key"))).hasSizeGreaterThanOrEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretsFile))).isEqualTo("rw-------");

            TestServer server = server(first, accountSid, token);
            HttpResponse<String> created = post(server, "/v2/Services", "FriendlyName", "Generated");
            assertThat(TestServer.json(created.body())).containsEntry("account_sid", accountSid);
            service = sid(created);
            sid = sid(post(server, verifications(service), "To", "+15550502001", "Channel", "sms"));
            code = server.lastCode("+15550502001");
            assertThat(server(first, accountSid, token + "x").get("/v2/Services").statusCode()).isEqualTo(401);
            assertThat(server(first, TestServer.ACCOUNT_SID, TestServer.AUTH_TOKEN).get("/v2/Services").statusCode())
                    .isEqualTo(401);
        }
        byte[] written = Files.readAllBytes(secretsFile);

        try (var second = start(generatedCredentials())) {
            assertThat(Files.readAllBytes(secretsFile)).isEqualTo(written);
            TestServer server = server(second, accountSid, token);
            assertThat(TestServer.json(server.get("/v2/Services/" + service).body())).containsEntry("account_sid", accountSid);
            // The code's HMAC was keyed with the generated secret key: it still matches, so the key was reused.
            assertThat(status(post(server, check(service), "VerificationSid", sid, "Code", code))).isEqualTo("approved");
        }
    }

    private ConfigurableApplicationContext start(List<String> credentials) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("callgate")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--callgate.secrets-file=" + dir.resolve("callgate-secrets.properties"),
                "--callgate.dev.inbox.enabled=true",
                "--callgate.verify.expiry-sweep-interval=PT1H",
                "--callgate.limits.sweep-interval=PT1H",
                "--spring.main.banner-mode=off"));
        args.addAll(credentials);
        return new SpringApplicationBuilder(CallgateApplication.class).main(CallgateApplication.class)
                .run(args.toArray(String[]::new));
    }

    private static List<String> configuredCredentials() {
        return List.of("--callgate.account-sid=" + TestServer.ACCOUNT_SID, "--callgate.auth-token=" + TestServer.AUTH_TOKEN,
                "--callgate.secret-key=" + TestServer.SECRET_KEY);
    }

    /** Set empty, so neither the environment nor a default supplies them. */
    private static List<String> generatedCredentials() {
        return List.of("--callgate.account-sid=", "--callgate.auth-token=", "--callgate.secret-key=");
    }

    private static TestServer server(ConfigurableApplicationContext context, String user, String password) {
        return new TestServer("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"),
                user, password);
    }

    private static HttpResponse<String> post(TestServer server, String path, String... pairs) {
        HttpResponse<String> response = server.form(path, pairs);
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response;
    }

    private static String verifications(String service) {
        return "/v2/Services/" + service + "/Verifications";
    }

    private static String check(String service) {
        return "/v2/Services/" + service + "/VerificationCheck";
    }

    private static String sid(HttpResponse<String> response) {
        return (String) TestServer.json(response.body()).get("sid");
    }

    private static String status(HttpResponse<String> response) {
        return (String) TestServer.json(response.body()).get("status");
    }

    private static String wrong(String code) {
        return TwilioSdkCompatibilityTest.otherThan(code);
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }
}
