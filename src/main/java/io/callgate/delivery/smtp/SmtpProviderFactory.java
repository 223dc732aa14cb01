package io.callgate.delivery.smtp;

import io.callgate.delivery.DeliveryProvider;
import io.callgate.delivery.ProviderFactory;
import io.callgate.delivery.ProviderSettings;
import org.springframework.stereotype.Component;

/** Builds {@code type: smtp} providers: email through a mail server. */
@Component
class SmtpProviderFactory implements ProviderFactory {

    @Override
    public String type() {
        return "smtp";
    }

    @Override
    public String description() {
        return "email over SMTP (plain text and HTML)";
    }

    @Override
    public DeliveryProvider create(String id, ProviderSettings settings) {
        return new SmtpProvider(id, settings.bind(SmtpSettings.class).validated(id));
    }
}
