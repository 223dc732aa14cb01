package io.callgate.delivery;

import java.util.function.Function;

/** Builds test providers of one {@code type} from their id. */
record TestProviderFactory(String type, Function<String, DeliveryProvider> build) implements ProviderFactory {

    @Override
    public String description() {
        return "a test provider (" + type + ")";
    }

    @Override
    public DeliveryProvider create(String id, ProviderSettings settings) {
        return build.apply(id);
    }
}
