package dev.synth.config;

import java.util.Collections;
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
     * The reference's content event types (reference 2.9), in the order the reference lists them, each with the
     * defaults of the {@code properties} its generator reads (D13) - the one place these defaults are written.
     * They are the event types a profile of a built-in user type can configure ({@code events}) and choose
     * from ({@code event_probabilities}); other user types declare their own ({@link UserTypeSchema#eventTypes()}).
     */
    public static final Map<String, Map<String, Object>> CONTENT_EVENT_TYPES = contentEventTypes();

    /** The names of the {@link #CONTENT_EVENT_TYPES}. */
    public static final Set<String> EVENT_TYPES = CONTENT_EVENT_TYPES.keySet();

    private static Map<String, Map<String, Object>> contentEventTypes() {
        Map<String, Object> pages = props("page_count_per_session_min", 1, "page_count_per_session_max", 5,
                "duration_seconds_min", 30, "duration_seconds_max", 60);
        Map<String, Object> search = new LinkedHashMap<>(pages);
        search.put("results_per_page_max", 10);
        Map<String, Object> media = props("duration_seconds_min", 30, "duration_seconds_max", 60,
                "pause_probability", 0.3);
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        m.put("page", pages);
        m.put("video", media);
        m.put("audio", media);
        m.put("image", props("duration_seconds_min", 30, "duration_seconds_max", 60));
        m.put("module", Map.of());
        m.put("search", Collections.unmodifiableMap(search));
        m.put("exam", props("pass_probability", 0.7, "skip_probability", 0.1, "abort_probability", 0.3));
        m.put("rate", Map.of());
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The default of a property of a content event type.
     *
     * @throws IllegalArgumentException when the type or the property has no default
     */
    public static Number contentDefault(String eventType, String key) {
        Map<String, Object> defaults = CONTENT_EVENT_TYPES.get(eventType);
        if (defaults == null || !(defaults.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("content event type " + eventType + " has no default for " + key);
        }
        return n;
    }

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

    /** A numeric property of a content event type, or its {@link #contentDefault default}. */
    public double doubleProperty(String eventType, String key) {
        return doubleProperty(key, contentDefault(eventType, key).doubleValue());
    }

    /** An integer property of a content event type, or its {@link #contentDefault default}. */
    public int intProperty(String eventType, String key) {
        return intProperty(key, contentDefault(eventType, key).intValue());
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
