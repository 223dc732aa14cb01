package io.callgate.voice;

import java.util.Optional;

/**
 * Which carrier serves a webhook path, so its requests are checked with that carrier's token. Features that
 * own voice webhooks (conference lines, the IVR) implement it; a path no feature claims uses the default
 * carrier.
 */
public interface CarrierAssignment {

    /** @param path the request path, starting with {@code /voice/} */
    Optional<String> carrierFor(String path);
}
