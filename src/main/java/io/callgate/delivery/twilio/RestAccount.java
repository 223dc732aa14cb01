package io.callgate.delivery.twilio;

import io.callgate.delivery.Channel;
import java.time.Duration;
import java.util.Set;

/**
 * What a Twilio-compatible provider needs, whichever carrier's settings it came from.
 *
 * @param accountUrl the account's resource URL; Messages.json and Calls.json are below it
 * @param user the HTTP Basic user (account sid, API key or project id)
 * @param password its password
 * @param signingKey the key of the carrier's {@code X-Twilio-Signature} on callbacks
 * @param messagingServiceSid empty unless a Messaging Service picks the sms sender
 */
record RestAccount(String providerId, String carrier, String accountUrl, String user, String password,
                   String signingKey, String from, String messagingServiceSid, Duration timeout, Set<Channel> channels,
                   String voice) {

    RestAccount validated() {
        require(providerId, timeout.isPositive(), "timeout must be positive");
        require(providerId, !channels.isEmpty() && !channels.contains(Channel.EMAIL),
                "channels must be sms, call or both");
        require(providerId, providerId.matches("[A-Za-z0-9._-]+"),
                "the provider id may hold only letters, digits, '.', '_' and '-' (it is part of callback URLs)");
        return this;
    }

    static String trimmed(String url) {
        return url.replaceAll("/+$", "");
    }

    static void require(String id, boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("provider " + id + ": " + problem);
        }
    }

    @Override
    public String toString() {
        return "RestAccount[" + providerId + " " + accountUrl + "]";
    }
}
