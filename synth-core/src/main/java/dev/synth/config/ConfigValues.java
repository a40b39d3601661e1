package dev.synth.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Immutable copies of configuration collections that keep their order. */
final class ConfigValues {
    private ConfigValues() {
    }

    /** An unmodifiable copy that keeps insertion order and rejects null keys and values. */
    static <K, V> Map<K, V> orderedCopy(Map<K, V> map, String name) {
        Objects.requireNonNull(map, name);
        Map<K, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, () -> name + " key"),
                Objects.requireNonNull(v, () -> name + "." + k)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * A deeply unmodifiable copy of a free-form property value: maps keep their order, lists are copied, scalars
     * are kept. Null keys and values are rejected.
     */
    static Object deepCopy(Object value, String path) {
        Objects.requireNonNull(value, path);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(Objects.requireNonNull(k, () -> path + " key"));
                copy.put(key, deepCopy(v, path + "." + key));
            });
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(deepCopy(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** A deeply unmodifiable copy of a free-form property map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopyMap(Map<String, ?> map, String name) {
        Objects.requireNonNull(map, name);
        return (Map<String, Object>) deepCopy(map, name);
    }
}
