package io.callgate.voice.lines;

import io.callgate.voice.CarrierAssignment;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A line's webhooks are signed by the line's carrier, when it names one. */
@Component
class LineCarriers implements CarrierAssignment {

    private static final String PREFIX = "/voice/lines/";

    private final ConferenceLines lines;

    LineCarriers(ConferenceLines lines) {
        this.lines = lines;
    }

    @Override
    public Optional<String> carrierFor(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String line = slash < 0 ? rest : rest.substring(0, slash);
        if (!LineDefinitions.PATH.matcher(line).matches()) {
            return Optional.empty();
        }
        return lines.carrierOf(line);
    }
}
