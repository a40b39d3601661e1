package dev.synth.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of one content event type in a profile ({@code events.<type>}, reference 2.9). The properties are
 * free-form; the event generators read the keys they know (e.g. {@code duration_seconds_min}) and fall back to
 * their own defaults for missing ones.
 *
 * <p>Property values are numbers ({@link Integer}, {@link Long} or {@link Double}), strings, booleans, lists and
 * maps, all deeply unmodifiable. When a profile inherits an event type, its properties merge key by key
 * (recursively for nested maps).
 *
 * @param properties the event type's properties; default empty
 */
public record EventConfig(Map<String, Object> properties) {

    /**
     * The content event types a profile can configure and choose from (keys of {@code events} and
     * {@code event_probabilities}).
     */
    public static final Set<String> EVENT_TYPES =
            Set.of("page", "video", "audio", "image", "module", "search", "exam", "rate");

    private static final EventConfig EMPTY = new EventConfig(Map.of());

    public EventConfig {
        properties = ConfigValues.deepCopyMap(properties, "properties");
    }

    /** An event configuration without properties: every generator default applies. */
    public static EventConfig empty() {
        return EMPTY;
    }

    /** An event configuration with the given properties. */
    public static EventConfig of(Map<String, ?> properties) {
        return new EventConfig(new LinkedHashMap<>(properties));
    }

    /** A copy with one property added or replaced. */
    public EventConfig withProperty(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        copy.put(key, value);
        return new EventConfig(copy);
    }

    /** The raw property value, if set. */
    public Optional<Object> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** A numeric property, or {@code fallback} when it is absent or not a number. */
    public double doubleProperty(String key, double fallback) {
        return properties.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    /**
     * An integer property, or {@code fallback} when it is absent or not a number. A fractional value is truncated
     * towards zero.
     */
    public int intProperty(String key, int fallback) {
        return properties.get(key) instanceof Number n ? n.intValue() : fallback;
    }
}
