package io.callgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Providers that hold connections are closed, all of them, also when the configuration is wrong. */
class ProvidersTest {

    final List<String> closed = new ArrayList<>();
    String failOnClose;

    @Test
    void aFailingCloseDoesNotKeepTheOthersOpen() throws Exception {
        Providers providers = providers(Map.of("sms", List.of("a", "b")), "a", "b");
        failOnClose = "a";

        providers.destroy();

        assertThat(closed).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aConfigurationMistakeClosesTheProvidersAlreadyBuilt() {
        assertThatIllegalArgumentException().isThrownBy(() -> providers(Map.of("sms", List.of("a", "missing")), "a"));

        assertThat(closed).containsExactly("a");
    }

    private Providers providers(Map<String, List<String>> channels, String... ids) {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String id : ids) {
            settings.put(id, Map.of("type", "closing"));
        }
        return new Providers(new DeliveryProperties(channels, settings, 6, Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofMillis(500), 64), List.of(new TestProviderFactory("closing", Closing::new)), List.of());
    }

    private final class Closing extends SmsOnlyProvider implements AutoCloseable {

        Closing(String id) {
            super(id);
        }

        @Override
        public String send(OutboundMessage message) {
            return null;
        }

        @Override
        public void close() {
            closed.add(id());
            if (id().equals(failOnClose)) {
                throw new IllegalStateException("cannot close " + id());
            }
        }
    }
}
