package io.callgate.delivery.twilio;

import io.callgate.delivery.DeliveryProvider;
import io.callgate.delivery.ProviderFactory;
import io.callgate.delivery.ProviderSettings;
import java.util.function.BiFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds Twilio-compatible providers of one carrier; the carriers differ only in their settings.
 *
 * @param account reads a provider's settings into the account it sends through
 */
record CarrierProviderFactory(String type, String description,
                              BiFunction<String, ProviderSettings, RestAccount> account,
                              CallbackUrls callbacks, JsonMapper json) implements ProviderFactory {

    @Override
    public DeliveryProvider create(String id, ProviderSettings settings) {
        return CallbackCheck.warnIfDeaf(new TwilioRestProvider(account.apply(id, settings), callbacks, json));
    }

    /** {@code type: twilio} and {@code type: signalwire}. */
    @Configuration(proxyBeanMethods = false)
    static class Carriers {

        @Bean
        ProviderFactory twilioProviders(CallbackUrls callbacks, JsonMapper json) {
            return new CarrierProviderFactory("twilio", "sms and calls through Twilio's REST API (Messages, Calls)",
                    (id, s) -> s.bind(TwilioSettings.class).account(id), callbacks, json);
        }

        @Bean
        ProviderFactory signalwireProviders(CallbackUrls callbacks, JsonMapper json) {
            return new CarrierProviderFactory("signalwire",
                    "sms and calls through a SignalWire space's Compatibility API (Messages, Calls)",
                    (id, s) -> s.bind(SignalWireSettings.class).account(id), callbacks, json);
        }
    }

    @Override
    public String toString() {
        return "CarrierProviderFactory[" + type + "]";
    }
}
