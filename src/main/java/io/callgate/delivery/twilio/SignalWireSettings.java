package io.callgate.delivery.twilio;

import io.callgate.delivery.Channel;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One {@code type: signalwire} provider's settings ({@code callgate.delivery.providers.<id>.*}, kebab-case): the
 * Compatibility API of a SignalWire space.
 *
 * @param spaceUrl the space, {@code https://<space>.signalwire.com}
 * @param projectId the project id (a UUID), SignalWire's account sid
 * @param token an API token of the project, the REST password
 * @param signingKey the key SignalWire signs its callbacks with; unset: the token
 * @param from the sender number
 * @param timeout how long a request may take in all, from connecting to the last byte of the answer
 * @param channels the channels this provider serves
 * @param voice the {@code <Say>} voice; empty for the carrier's default
 */
public record SignalWireSettings(
        String spaceUrl,
        String projectId,
        @DefaultValue("") String token,
        @DefaultValue("") String signingKey,
        @DefaultValue("") String from,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue({"sms", "call"}) Set<Channel> channels,
        @DefaultValue("") String voice) {

    RestAccount account(String id) {
        RestAccount.require(id, spaceUrl != null && spaceUrl.matches("https?://[^/?#@]+/?"),
                "space-url is required, e.g. https://example.signalwire.com");
        RestAccount.require(id, projectId != null && projectId.matches("[0-9a-fA-F-]{8,64}"),
                "project-id is required (the project's UUID)");
        RestAccount.require(id, !token.isBlank(), "token is required");
        RestAccount.require(id, !from.isBlank(), "from is required");
        return new RestAccount(id, "SignalWire",
                RestAccount.trimmed(spaceUrl) + "/api/laml/2010-04-01/Accounts/" + projectId, projectId, token,
                signingKey.isBlank() ? token : signingKey, from, "", timeout, channels, voice).validated();
    }

    @Override
    public String toString() {
        return "SignalWireSettings[" + projectId + " " + spaceUrl + "]";
    }
}
