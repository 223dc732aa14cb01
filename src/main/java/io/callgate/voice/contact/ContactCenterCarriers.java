package io.callgate.voice.contact;

import io.callgate.voice.CarrierAssignment;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A contact-center line's webhooks are signed by the carrier it names; the others by the default carrier. */
@Component
class ContactCenterCarriers implements CarrierAssignment {

    private static final String PREFIX = "/voice/contact-center/";

    private final ContactCenterProperties properties;

    ContactCenterCarriers(ContactCenterProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<String> carrierFor(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(PREFIX.length());
        ContactCenterProperties.Line line = properties.contactCenter().get(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
        return line == null || line.carrier().isBlank() ? Optional.empty() : Optional.of(line.carrier());
    }
}
