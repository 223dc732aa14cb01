package io.callgate.delivery.twilio;

import io.callgate.delivery.Channel;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One {@code type: twilio} provider's settings ({@code callgate.delivery.providers.<id>.*}, kebab-case).
 *
 * @param accountSid the account ({@code AC…}) whose Messages and Calls are used
 * @param authToken its auth token: the REST password unless an API key is set, and always the key that
 *                  checks Twilio's signatures on callbacks
 * @param apiKey an API key ({@code SK…}) to authenticate with instead of the auth token
 * @param apiSecret the API key's secret
 * @param from the sender: an E.164 number of the account (required for calls), or an alphanumeric sender id
 * @param messagingServiceSid a Messaging Service ({@code MG…}) that picks the sender of sms instead of {@code from}
 * @param baseUrl the API's base, for a regional edge or a test double
 * @param timeout how long a request may take in all, from connecting to the last byte of the answer
 * @param channels the channels this provider serves
 * @param voice the {@code <Say>} voice (e.g. {@code Polly.Joanna}); empty for the carrier's default
 */
public record TwilioSettings(
        String accountSid,
        @DefaultValue("") String authToken,
        @DefaultValue("") String apiKey,
        @DefaultValue("") String apiSecret,
        @DefaultValue("") String from,
        @DefaultValue("") String messagingServiceSid,
        @DefaultValue("https://api.twilio.com") String baseUrl,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue({"sms", "call"}) Set<Channel> channels,
        @DefaultValue("") String voice) {

    RestAccount account(String id) {
        RestAccount.require(id, accountSid != null && accountSid.matches("AC[0-9a-fA-F]{32}"),
                "account-sid is required (AC followed by 32 hex digits)");
        boolean withKey = !apiKey.isBlank();
        RestAccount.require(id, !withKey || apiKey.matches("SK[0-9a-fA-F]{32}"), "api-key must be SK followed by 32 hex digits");
        RestAccount.require(id, !withKey || !apiSecret.isBlank(), "api-secret is required with api-key");
        RestAccount.require(id, withKey || !authToken.isBlank(), "auth-token (or api-key with api-secret) is required");
        RestAccount.require(id, messagingServiceSid.isBlank() || messagingServiceSid.matches("MG[0-9a-fA-F]{32}"),
                "messaging-service-sid must be MG followed by 32 hex digits");
        RestAccount.require(id, !from.isBlank() || (!messagingServiceSid.isBlank() && !channels.contains(Channel.CALL)),
                "from is required (a messaging-service-sid can replace it for sms only)");
        return new RestAccount(id, "Twilio", RestAccount.trimmed(baseUrl) + "/2010-04-01/Accounts/" + accountSid,
                withKey ? apiKey : accountSid, withKey ? apiSecret : authToken, authToken, from, messagingServiceSid,
                timeout, channels, voice).validated();
    }

    @Override
    public String toString() {
        return "TwilioSettings[" + accountSid + " " + baseUrl + "]";
    }
}
