package io.callgate.delivery.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callgate.CallgateApplication;
import io.callgate.support.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Without {@code callgate.public-base-url} a call provider cannot hear key presses: callgate then refuses to start
 * once a service requires one, and starts (with a warning) while none does.
 */
class CallbackCheckTest {

    private final String database = "jdbc:h2:mem:" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void aServiceThatRequiresAKeypressStopsAStartWithoutAPublicUrl() {
        try (ConfigurableApplicationContext deaf = start("")) {
            TestServer server = new TestServer(((WebServerApplicationContext) deaf).getWebServer().getPort());
            assertThat(server.form("/v2/Services", Map.of("FriendlyName", "Direct", "DtmfInputRequired", "false"))
                    .statusCode()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext withUrl = start("https://callgate.example.test")) {
            TestServer server = new TestServer(((WebServerApplicationContext) withUrl).getWebServer().getPort());
            assertThat(server.form("/v2/Services", Map.of("FriendlyName", "Careful", "DtmfInputRequired", "true"))
                    .statusCode()).isEqualTo(201);
        }

        assertThatThrownBy(() -> start("").close())
                .hasStackTraceContaining("call providers [tw] cannot wait for a key press: set callgate.public-base-url");
    }

    private ConfigurableApplicationContext start(String publicBaseUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", database);
        properties.put("callgate.account-sid", TestServer.ACCOUNT_SID);
        properties.put("callgate.auth-token", TestServer.AUTH_TOKEN);
        properties.put("callgate.secret-key", TestServer.SECRET_KEY);
        properties.put("callgate.public-base-url", publicBaseUrl);
        properties.put("callgate.delivery.providers.tw.type", "twilio");
        properties.put("callgate.delivery.providers.tw.account-sid", "AC0123456789abcdef0123456789abcdef");
        properties.put("callgate.delivery.providers.tw.auth-token", "token");
        properties.put("callgate.delivery.providers.tw.from", "+15017122661");
        properties.put("callgate.delivery.providers.tw.base-url", "http://127.0.0.1:9");
        properties.put("callgate.delivery.channels.call", "tw");
        // As arguments: they win over application.yaml, which would otherwise pick the file database and secrets.
        return new SpringApplicationBuilder(CallgateApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
