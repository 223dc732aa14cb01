package io.callgate.delivery;

/**
 * Builds providers of one type from configuration. Each factory is a Spring bean; a provider
 * named under {@code callgate.delivery.providers.<id>} with {@code type: <type>} is built by the
 * factory of that type.
 */
public interface ProviderFactory {

    /** The {@code type} value that selects this factory, e.g. {@code twilio}, {@code smpp}, {@code smtp}. */
    String type();

    /** A one-line description for logs and docs. */
    String description();

    /** @throws IllegalArgumentException when the settings are incomplete or wrong */
    DeliveryProvider create(String id, ProviderSettings settings);
}
