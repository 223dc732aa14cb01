package io.callgate.delivery;

import java.util.Map;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** One provider's configuration section, bound into the typed record its factory declares. */
public final class ProviderSettings {

    private final String id;
    private final Map<String, String> values;

    public ProviderSettings(String id, Map<String, String> values) {
        this.id = id;
        this.values = Map.copyOf(values);
    }

    /**
     * Binds the settings into {@code type} with Spring's relaxed rules (kebab-case keys,
     * durations like {@code 10s}, data sizes), so a record with defaults is the whole schema.
     */
    public <T> T bind(Class<T> type) {
        try {
            return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("", Bindable.of(type));
        } catch (BindException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("provider " + id + ": " + cause.getMessage(), e);
        }
    }

    /** Stops the start with a message naming the provider when a setting is wrong. */
    public static void require(String id, boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("provider " + id + ": " + problem);
        }
    }
}
