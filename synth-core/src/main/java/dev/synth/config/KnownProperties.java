package dev.synth.config;

import dev.synth.event.CatalogType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The free-form property keys that the generators read, with the defaults they use when a key is absent
 * (reference 2.9 and 2.11, D13). The validator needs them to check a configured {@code _min} against a default
 * {@code _max} and the other way round.
 */
final class KnownProperties {
    private KnownProperties() {
    }

    private static final Map<CatalogType, Map<String, Number>> CATALOG = new EnumMap<>(CatalogType.class);

    static {
        for (CatalogType type : CatalogType.values()) {
            CATALOG.put(type, Collections.unmodifiableMap(catalogDefaults(type)));
        }
    }

    /** Defaults of {@code events.<type>.properties} of the content event types, as numbers. */
    static Map<String, Number> ofEvent(String eventType) {
        return numbers(EventConfig.CONTENT_EVENT_TYPES.getOrDefault(eventType, Map.of()));
    }

    /** The numeric entries of a map of defaults. */
    static Map<String, Number> numbers(Map<String, Object> defaults) {
        Map<String, Number> m = new LinkedHashMap<>();
        defaults.forEach((k, v) -> {
            if (v instanceof Number n) {
                m.put(k, n);
            }
        });
        return m;
    }

    /** Defaults of {@code catalogs.<type>.properties}: the one place they are written. */
    static Map<String, Number> ofCatalog(CatalogType type) {
        return CATALOG.get(type);
    }

    private static Map<String, Number> catalogDefaults(CatalogType type) {
        Map<String, Number> m = new LinkedHashMap<>();
        switch (type) {
            case MEDIA_AUDIO, MODULE -> {
                m.put("length_min_seconds", 1800);
                m.put("length_max_seconds", 43200);
            }
            case EXAM -> {
                m.put("length_min_seconds", 600);
                m.put("length_max_seconds", 7200);
                m.put("question_count_min", 5);
                m.put("question_count_max", 30);
                m.put("difficulty_min", 0.0);
                m.put("difficulty_max", 1.0);
            }
            case PROMO -> {
                m.put("length_min_days", 1);
                m.put("length_max_days", 31);
                m.put("cost_adjustment_min_ratio", 0.4);
                m.put("cost_adjustment_max_ratio", 0.95);
                m.put("item_min_count", 1);
                m.put("item_max_count", 10);
            }
            default -> {
                // nothing is read
            }
        }
        return m;
    }

    /** True for keys whose value is a probability in [0, 1]. */
    static boolean isProbability(String key) {
        return key.endsWith("_probability") || key.startsWith("difficulty_");
    }

    /**
     * The {@code _max} partner of a {@code _min} key ({@code length_min_seconds -> length_max_seconds},
     * {@code item_min_count -> item_max_count}), or null when the key has no {@code min} word.
     */
    static String maxPartner(String key) {
        String[] words = key.split("_", -1);
        for (int i = words.length - 1; i >= 0; i--) {
            if (words[i].equals("min")) {
                words[i] = "max";
                return String.join("_", words);
            }
        }
        return null;
    }
}
