package dev.synth.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one catalog type ({@code catalogs.<type>}, reference 2.11).
 *
 * @param targetCount number of entries to keep for the type; default 30
 * @param properties  type-specific settings (e.g. {@code length_min_seconds}); default empty
 */
public record CatalogConfig(int targetCount, Map<String, Object> properties) {
    /** Entries kept per type when {@code target_count} is not configured. */
    public static final int DEFAULT_TARGET_COUNT = 30;

    public CatalogConfig {
        Objects.requireNonNull(properties, "properties");
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Defaults: 30 entries, no properties. */
    public static CatalogConfig defaults() {
        return new CatalogConfig(DEFAULT_TARGET_COUNT, Map.of());
    }

    /** A copy with another target count. */
    public CatalogConfig withTargetCount(int count) {
        return new CatalogConfig(count, properties);
    }

    /** A copy with one property set. */
    public CatalogConfig withProperty(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        copy.put(key, value);
        return new CatalogConfig(targetCount, copy);
    }

    /** The default of a property of catalogs of {@code type}; empty when the type reads no such property. */
    public static java.util.Optional<Number> propertyDefault(dev.synth.event.CatalogType type, String key) {
        return java.util.Optional.ofNullable(KnownProperties.ofCatalog(type).get(key));
    }

    /** A numeric property of a catalog of {@code type}, or its {@link #propertyDefault default}. */
    public double doubleProperty(dev.synth.event.CatalogType type, String key) {
        return doubleProperty(key, requiredDefault(type, key).doubleValue());
    }

    /** An integer property of a catalog of {@code type}, or its {@link #propertyDefault default}. */
    public int intProperty(dev.synth.event.CatalogType type, String key) {
        return intProperty(key, requiredDefault(type, key).intValue());
    }

    private static Number requiredDefault(dev.synth.event.CatalogType type, String key) {
        return propertyDefault(type, key).orElseThrow(() -> new IllegalArgumentException(
                "catalog type " + type.configName() + " has no default for " + key));
    }

    /** A numeric property, or {@code fallback} when absent. */
    public double doubleProperty(String key, double fallback) {
        Object v = properties.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    /** An integer property (numbers are truncated), or {@code fallback} when absent. */
    public int intProperty(String key, int fallback) {
        Object v = properties.get(key);
        return v instanceof Number n ? n.intValue() : fallback;
    }
}
