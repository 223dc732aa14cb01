package io.callgate.voice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The configured carriers and the signature checks made with their tokens. */
@Component
public class Carriers {

    private static final Logger log = LoggerFactory.getLogger(Carriers.class);

    private final Map<String, List<WebhookSignature>> signatures = new LinkedHashMap<>();
    private final String defaultCarrier;

    Carriers(VoiceProperties properties) {
        properties.carriers().forEach((name, carrier) -> {
            List<WebhookSignature> accepted = new ArrayList<>();
            if (carrier.authToken() != null && !carrier.authToken().isBlank()) {
                accepted.add(new WebhookSignature(carrier.authToken()));
            }
            if (carrier.previousAuthToken() != null && !carrier.previousAuthToken().isBlank()) {
                accepted.add(new WebhookSignature(carrier.previousAuthToken()));
            }
            if (accepted.isEmpty()) {
                throw new IllegalStateException("callgate.voice.carriers." + name + ".auth-token is required");
            }
            signatures.put(name, List.copyOf(accepted));
        });
        String configured = properties.defaultCarrier();
        if (!configured.isBlank() && !signatures.containsKey(configured)) {
            throw new IllegalStateException("callgate.voice.default-carrier names no configured carrier: " + configured);
        }
        this.defaultCarrier = !configured.isBlank() ? configured
                : signatures.size() == 1 ? signatures.keySet().iterator().next() : null;
        if (signatures.isEmpty()) {
            log.info("no voice carrier configured (callgate.voice.carriers.<name>.auth-token): voice webhooks answer 403");
        } else if (defaultCarrier == null) {
            log.info("several voice carriers and no callgate.voice.default-carrier: webhooks must name their carrier");
        }
    }

    public boolean exists(String name) {
        return signatures.containsKey(name);
    }

    public Optional<String> defaultCarrier() {
        return Optional.ofNullable(defaultCarrier);
    }

    /** Whether a signature was made with the carrier's token (or its previous one, during a rotation). */
    public boolean signed(String carrier, String url, Map<String, List<String>> params, String signature) {
        boolean ok = false;
        for (WebhookSignature accepted : signatures.getOrDefault(carrier, List.of())) {
            ok |= accepted.matches(url, params, signature);
        }
        return ok;
    }
}
