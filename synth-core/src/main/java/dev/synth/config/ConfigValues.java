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

    /**
     * A copy of a map a caller hands in, in a stable order: its own iteration order when it has one (a
     * {@link LinkedHashMap}, a sorted map, a copy made by this class), key order when it has none ({@code Map.of},
     * {@link java.util.HashMap}), whose order may change from one JVM to the next - a weighted draw follows the
     * order, so the same configuration then gives the same bytes everywhere.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K, V> LinkedHashMap<K, V> stableCopy(Map<K, V> map, String name) {
        Objects.requireNonNull(map, name);
        boolean unordered = (map instanceof java.util.HashMap && !(map instanceof LinkedHashMap))
                || map.getClass().getName().startsWith("java.util.ImmutableCollections$Map");
        if (unordered && map.keySet().stream().allMatch(k -> k instanceof Comparable)) {
            return new LinkedHashMap<>(new java.util.TreeMap(map));
        }
        return new LinkedHashMap<>(map);
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
