package io.callgate.delivery;

import java.util.Set;

/** A test provider of the sms channel; subclasses say what sending does. */
abstract class SmsOnlyProvider implements DeliveryProvider {

    private final String id;

    SmsOnlyProvider(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.SMS);
    }
}
