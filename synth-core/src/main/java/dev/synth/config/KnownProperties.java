package dev.synth.config;

import dev.synth.catalog.CatalogType;
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

    private static final Map<String, Number> DURATION = Map.of("duration_seconds_min", 30, "duration_seconds_max", 60);

    /** Defaults of {@code events.<type>.properties}. */
    static Map<String, Number> ofEvent(String eventType) {
        Map<String, Number> m = new LinkedHashMap<>();
        switch (eventType) {
            case "page" -> {
                m.put("page_count_per_session_min", 1);
                m.put("page_count_per_session_max", 5);
                m.putAll(DURATION);
            }
            case "search" -> {
                m.put("page_count_per_session_min", 1);
                m.put("page_count_per_session_max", 5);
                m.putAll(DURATION);
                m.put("results_per_page_max", 10);
            }
            case "video", "audio" -> {
                m.putAll(DURATION);
                m.put("pause_probability", 0.3);
            }
            case "image" -> m.putAll(DURATION);
            case "exam" -> {
                m.put("pass_probability", 0.7);
                m.put("skip_probability", 0.1);
                m.put("abort_probability", 0.3);
            }
            default -> {
                // module, rate: nothing is read
            }
        }
        return m;
    }

    /** Defaults of {@code catalogs.<type>.properties}. */
    static Map<String, Number> ofCatalog(CatalogType type) {
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
