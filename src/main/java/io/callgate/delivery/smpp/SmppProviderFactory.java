package io.callgate.delivery.smpp;

import io.callgate.delivery.DeliveryListener;
import io.callgate.delivery.DeliveryProvider;
import io.callgate.delivery.ProviderFactory;
import io.callgate.delivery.ProviderSettings;
import org.springframework.stereotype.Component;

/** Builds {@code type: smpp} providers: sms through an SMSC over SMPP 3.4. */
@Component
class SmppProviderFactory implements ProviderFactory {

    private final DeliveryListener listener;

    SmppProviderFactory(DeliveryListener listener) {
        this.listener = listener;
    }

    @Override
    public String type() {
        return "smpp";
    }

    @Override
    public String description() {
        return "sms over SMPP 3.4 (one transceiver session)";
    }

    @Override
    public DeliveryProvider create(String id, ProviderSettings settings) {
        return new SmppProvider(id, settings.bind(SmppSettings.class).validated(id), listener).start();
    }
}
