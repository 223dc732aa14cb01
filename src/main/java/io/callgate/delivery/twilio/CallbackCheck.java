package io.callgate.delivery.twilio;

import io.callgate.delivery.Channel;
import io.callgate.delivery.Providers;
import io.callgate.verify.Verifications;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * A call that waits for a key press needs the carrier to post the key back, so a public URL. Without one, the
 * start is refused when a Verify service requires the key press (DtmfInputRequired) and a call provider of this
 * type would be asked for it; otherwise each provider only warns that receipts and key presses are off.
 */
@Component
class CallbackCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CallbackCheck.class);

    private final Providers providers;
    private final Verifications verifications;

    CallbackCheck(Providers providers, Verifications verifications) {
        this.providers = providers;
        this.verifications = verifications;
    }

    static TwilioRestProvider warnIfDeaf(TwilioRestProvider provider) {
        if (!provider.hearsCallbacks()) {
            log.warn("delivery provider {}: callgate.public-base-url is not set, so it gets no delivery receipts and"
                    + " cannot place calls that wait for a key press", provider.id());
        }
        return provider;
    }

    /** Runs once every bean exists (the database migrated) and before the server takes requests. */
    @Override
    public void afterSingletonsInstantiated() {
        List<String> deaf = providers.forChannel(Channel.CALL).stream()
                .filter(p -> p instanceof TwilioRestProvider r && !r.hearsCallbacks())
                .map(p -> p.id()).toList();
        if (!deaf.isEmpty() && verifications.anyServiceRequiresKeypress()) {
            throw new IllegalStateException("call providers " + deaf + " cannot wait for a key press: set"
                    + " callgate.public-base-url (the URL at which the carrier reaches callgate), because a Verify"
                    + " service requires a key press (DtmfInputRequired) before a call reads its code");
        }
    }
}
