package io.callgate.voice.ivr;

import io.callgate.voice.CarrierAssignment;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** An IVR line's webhooks are signed by the carrier it names; the others by the default carrier. */
@Component
class IvrCarriers implements CarrierAssignment {

    private final IvrProperties properties;

    IvrCarriers(IvrProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<String> carrierFor(String path) {
        if (!path.startsWith("/voice/ivr/")) {
            return Optional.empty();
        }
        String rest = path.substring("/voice/ivr/".length());
        String name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        IvrProperties.Line line = properties.ivr().get(name);
        return line == null || line.carrier().isBlank() ? Optional.empty() : Optional.of(line.carrier());
    }
}
