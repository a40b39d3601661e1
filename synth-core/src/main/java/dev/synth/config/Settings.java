package dev.synth.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user type's own settings in a profile ({@code users.profiles.<name>.settings}): free-form values - numbers,
 * strings, booleans, lists and maps of those - deeply unmodifiable and in their written order. Which keys exist,
 * their defaults and their rules are declared by the user type ({@link UserTypeSchema#settings()}) and checked
 * before a run with the same key-path messages as the built-in settings. A profile inherits the settings of
 * {@code default} key by key (recursively for nested maps).
 *
 * <p>In a running simulation a profile's settings already hold the type's defaults for every key it does not
 * set, so the typed getters below find every declared key.
 *
 * @param values the settings; default empty
 */
public record Settings(Map<String, Object> values) {
    private static final Settings EMPTY = new Settings(Map.of());

    public Settings {
        values = ConfigValues.deepCopyMap(values, "settings");
    }

    /** No settings. */
    public static Settings empty() {
        return EMPTY;
    }

    /** Settings with the given values. */
    public static Settings of(Map<String, ?> values) {
        return new Settings(new LinkedHashMap<>(values));
    }

    /** A copy with one value added or replaced. */
    public Settings with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new Settings(copy);
    }

    /** These settings on top of {@code defaults}: nested maps merge key by key, anything else replaces. */
    public Settings withDefaults(Map<String, ?> defaults) {
        return new Settings(merged(defaults, values));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Map<String, ?> base, Map<String, ?> top) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        top.forEach((k, v) -> {
            Object under = out.get(k);
            out.put(k, under instanceof Map<?, ?> a && v instanceof Map<?, ?> b
                    ? merged((Map<String, ?>) a, (Map<String, ?>) b) : v);
        });
        return out;
    }

    /** The raw value, if set. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A number. @throws IllegalArgumentException when the key is missing or not a number */
    public double number(String key) {
        if (required(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongKind(key, "a number");
    }

    /** A number as an {@code int} (a fraction is cut). @throws IllegalArgumentException as {@link #number} */
    public int integer(String key) {
        return (int) number(key);
    }

    /** A number as a {@code long} (a fraction is cut). @throws IllegalArgumentException as {@link #number} */
    public long longValue(String key) {
        if (required(key) instanceof Number n) {
            return n.longValue();
        }
        throw wrongKind(key, "a number");
    }

    /** A string. @throws IllegalArgumentException when the key is missing or not a string */
    public String string(String key) {
        if (required(key) instanceof String s) {
            return s;
        }
        throw wrongKind(key, "a string");
    }

    /** A boolean. @throws IllegalArgumentException when the key is missing or not a boolean */
    public boolean flag(String key) {
        if (required(key) instanceof Boolean b) {
            return b;
        }
        throw wrongKind(key, "true or false");
    }

    /** A list of numbers. @throws IllegalArgumentException when the key is missing or not a list of numbers */
    public List<Double> numbers(String key) {
        if (required(key) instanceof List<?> list) {
            List<Double> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof Number n)) {
                    throw wrongKind(key, "a list of numbers");
                }
                out.add(n.doubleValue());
            }
            return List.copyOf(out);
        }
        throw wrongKind(key, "a list of numbers");
    }

    private Object required(String key) {
        Object v = values.get(Objects.requireNonNull(key, "key"));
        if (v == null) {
            throw new IllegalArgumentException("no setting '" + key + "' (settings: " + values.keySet() + ")");
        }
        return v;
    }

    private IllegalArgumentException wrongKind(String key, String kind) {
        return new IllegalArgumentException("setting '" + key + "' was " + values.get(key) + " but must be " + kind);
    }
}
