package dev.synth.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * One mapping of a YAML tree being bound to a record: typed accessors for its keys that report every wrong type to
 * a shared problem list, and {@link #finish()} to report the keys nobody asked for.
 */
final class YamlSection {
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter()
            // strict: 24:00:00 or February 30 are mistakes, not the next day
            .withResolverStyle(java.time.format.ResolverStyle.STRICT)
            .withChronology(java.time.chrono.IsoChronology.INSTANCE);

    private final ObjectNode node;
    private final String path;
    private final String section;
    private final List<ConfigProblem> problems;
    private final Set<String> known = new HashSet<>();

    /** When set (by {@link YamlConfigLoader#acceptedKeys()}), collects the full path of every key asked for. */
    static final ThreadLocal<Set<String>> ASKED = new ThreadLocal<>();

    private YamlSection(ObjectNode node, String path, String section, List<ConfigProblem> problems) {
        this.node = node;
        this.path = path;
        this.section = section;
        this.problems = problems;
    }

    /**
     * A section over {@code node}: a mapping, or an empty section for an absent or null node. Any other node is
     * reported as a problem and gives an empty section.
     */
    static YamlSection of(JsonNode node, String path, String section, List<ConfigProblem> problems) {
        if (node != null && node.isObject()) {
            return new YamlSection((ObjectNode) node, path, section, problems);
        }
        if (node != null && !node.isNull() && !node.isMissingNode()) {
            problems.add(typeProblem(path, node, "a mapping of " + section + " settings"));
        }
        return new YamlSection(JsonNodeFactory.instance.objectNode(), path, section, problems);
    }

    String path() {
        return path;
    }

    /** A section over a node found through {@link #entries(BiConsumer)}. */
    YamlSection child(String key, JsonNode value, String sectionName) {
        return of(value, path(key), sectionName, problems);
    }

    String path(String key) {
        return path + "." + key;
    }

    boolean has(String key) {
        return node.has(key);
    }

    void problem(String key, Object value, String rule) {
        problems.add(new ConfigProblem(path(key), value, rule));
    }

    /** Marks a key as known and returns its node, or null when it is absent. */
    JsonNode take(String key) {
        known.add(key);
        Set<String> asked = ASKED.get();
        if (asked != null) {
            asked.add(path(key));
        }
        return node.get(key);
    }

    /** Every entry of the mapping, all marked as known (for sections whose keys are names). */
    void entries(BiConsumer<String, JsonNode> action) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            known.add(e.getKey());
            action.accept(e.getKey(), e.getValue());
        }
    }

    void integer(String key, IntConsumer target) {
        JsonNode v = take(key);
        if (v != null) {
            Integer i = toInt(v, path(key));
            if (i != null) {
                target.accept(i);
            }
        }
    }

    void number(String key, DoubleConsumer target) {
        JsonNode v = take(key);
        if (v != null) {
            Double d = toDouble(v, path(key));
            if (d != null) {
                target.accept(d);
            }
        }
    }

    void bool(String key, Consumer<Boolean> target) {
        JsonNode v = take(key);
        if (v != null) {
            if (v.isBoolean()) {
                target.accept(v.booleanValue());
            } else {
                problems.add(typeProblem(path(key), v, "true or false"));
            }
        }
    }

    void string(String key, Consumer<String> target) {
        JsonNode v = take(key);
        if (v != null) {
            String s = toText(v, path(key));
            if (s != null) {
                target.accept(s);
            }
        }
    }

    /** A string that may be null (meaning "none"). */
    void optionalString(String key, Consumer<String> target) {
        JsonNode v = take(key);
        if (v != null) {
            if (v.isNull()) {
                target.accept(null);
            } else {
                string(key, target);
            }
        }
    }

    /** A UTC timestamp; null only when {@code nullable}. */
    void timestamp(String key, boolean nullable, Consumer<Instant> target) {
        JsonNode v = take(key);
        if (v == null) {
            return;
        }
        if (v.isNull() && nullable) {
            target.accept(null);
            return;
        }
        if (!v.isTextual()) {
            problems.add(typeProblem(path(key), v, "a timestamp like \"2020-01-01 00:00:00\""));
            return;
        }
        try {
            target.accept(parseTimestamp(v.textValue()));
        } catch (DateTimeParseException e) {
            problems.add(new ConfigProblem(path(key), v.textValue(),
                    "must be a UTC timestamp like \"2020-01-01 00:00:00\" or \"2020-01-01T00:00:00Z\""));
        }
    }

    void doubleList(String key, Consumer<List<Double>> target) {
        list(key, "a list of numbers", this::toDouble, target);
    }

    void stringList(String key, Consumer<List<String>> target) {
        list(key, "a list of strings", this::toText, target);
    }

    /** A mapping of names to numbers, in document order; entries with a wrong value are reported and dropped. */
    void weights(String key, Consumer<Map<String, Double>> target) {
        mapping(key, "a mapping of names to numbers", this::toDouble, target);
    }

    /** A mapping of names to strings, in document order; entries with a wrong value are reported and dropped. */
    void stringMap(String key, Consumer<Map<String, String>> target) {
        mapping(key, "a mapping of names to strings", this::toText, target);
    }

    /** Reads one value found at a path; reports a problem and answers null when it is not of the kind wanted. */
    private interface Reader<T> {
        T read(JsonNode value, String at);
    }

    /** A list whose every element {@code element} reads; nothing is taken when an element is wrong (reported). */
    private <T> void list(String key, String what, Reader<T> element, Consumer<List<T>> target) {
        JsonNode v = take(key);
        if (v == null) {
            return;
        }
        if (!v.isArray()) {
            problems.add(typeProblem(path(key), v, what));
            return;
        }
        List<T> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            T value = element.read(v.get(i), path(key) + "[" + i + "]");
            ok &= value != null;
            values.add(value);
        }
        if (ok) {
            target.accept(values);
        }
    }

    /** A mapping of names to what {@code value} reads, in document order; null gives an empty map. */
    private <T> void mapping(String key, String what, Reader<T> value, Consumer<Map<String, T>> target) {
        JsonNode v = take(key);
        if (v == null) {
            return;
        }
        if (v.isNull()) {
            target.accept(Map.of());
            return;
        }
        if (!v.isObject()) {
            problems.add(typeProblem(path(key), v, what));
            return;
        }
        Map<String, T> values = new LinkedHashMap<>();
        v.properties().forEach(e -> {
            T read = value.read(e.getValue(), path(key) + "." + e.getKey());
            if (read != null) {
                values.put(e.getKey(), read);
            }
        });
        target.accept(values);
    }

    /** A free-form mapping (e.g. {@code properties}); null gives an empty map. */
    void freeForm(String key, Consumer<Map<String, Object>> target) {
        JsonNode v = take(key);
        if (v == null) {
            return;
        }
        if (v.isNull()) {
            target.accept(Map.of());
        } else if (!v.isObject()) {
            problems.add(typeProblem(path(key), v, "a mapping"));
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) toFreeForm(v, path(key));
            target.accept(map);
        }
    }

    /** A nested section; a null value binds as an empty section. */
    void section(String key, String sectionName, Consumer<YamlSection> binder) {
        JsonNode v = take(key);
        if (v == null) {
            return;
        }
        if (v.isNull() || v.isObject()) {
            binder.accept(of(v, path(key), sectionName, problems));
        } else {
            problems.add(typeProblem(path(key), v, "a mapping of " + sectionName + " settings"));
        }
    }

    /** Reports every key that was not asked for. */
    void finish() {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add(new ConfigProblem(path(key), null,
                        "is not a known key of the " + section + " section (" + path + ")" + suggestion(key)));
            }
        });
    }

    private String suggestion(String key) {
        return suggestion(key, known);
    }

    /** {@code "; did you mean <closest>?"} for a name within two edits of one of {@code known}, else "". */
    static String suggestion(String key, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // --- conversions ------------------------------------------------------------------------------------------

    private Integer toInt(JsonNode v, String at) {
        if (v.isIntegralNumber()) {
            if (v.canConvertToInt()) {
                return v.intValue();
            }
        } else if (v.isFloatingPointNumber()) {
            double d = v.doubleValue();
            if (d != Math.rint(d)) {
                problems.add(typeProblem(at, v, "a whole number"));
                return null;
            }
            if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        } else {
            problems.add(typeProblem(at, v, "a whole number"));
            return null;
        }
        problems.add(typeProblem(at, v, "a whole number between " + Integer.MIN_VALUE + " and "
                + Integer.MAX_VALUE));
        return null;
    }

    /** A 64-bit integer (e.g. a seed); null after reporting a problem. */
    Long toLong(JsonNode v, String at) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        problems.add(typeProblem(at, v, "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE));
        return null;
    }

    private Double toDouble(JsonNode v, String at) {
        if (!v.isNumber()) {
            problems.add(typeProblem(at, v, "a number"));
            return null;
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            problems.add(typeProblem(at, v, "a finite number"));
            return null;
        }
        return d;
    }

    private String toText(JsonNode v, String at) {
        if (v.isTextual()) {
            return v.textValue();
        }
        problems.add(typeProblem(at, v, v.isValueNode() && !v.isNull() ? "a string (put it in quotes)" : "a string"));
        return null;
    }

    /** Plain Java values for a free-form node; null values and oversized numbers are reported and dropped. */
    private Object toFreeForm(JsonNode v, String at) {
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.properties().forEach(e -> {
                Object value = toFreeForm(e.getValue(), at + "." + e.getKey());
                if (value != null) {
                    map.put(e.getKey(), value);
                }
            });
            return Collections.unmodifiableMap(map);
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                Object value = toFreeForm(v.get(i), at + "[" + i + "]");
                if (value != null) {
                    list.add(value);
                }
            }
            return Collections.unmodifiableList(list);
        }
        if (v.isNull()) {
            problems.add(new ConfigProblem(at, null, "must have a value, not null"));
            return null;
        }
        if (v.isIntegralNumber()) {
            if (v.canConvertToInt()) {
                return v.intValue();
            }
            if (v.canConvertToLong()) {
                return v.longValue();
            }
            problems.add(typeProblem(at, v, "a number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE));
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.asText();
    }

    // --- messages ---------------------------------------------------------------------------------------------

    static ConfigProblem typeProblem(String at, JsonNode v, String expected) {
        if (v.isNull()) {
            return new ConfigProblem(at, null, "must be " + expected + ", not null");
        }
        return new ConfigProblem(at, written(v), "must be " + expected);
    }

    /** The value as written, for messages: scalars as Java values, collections as lists and maps. */
    static Object written(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(e -> list.add(written(e)));
            return list;
        }
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.properties().forEach(e -> map.put(e.getKey(), written(e.getValue())));
            return map;
        }
        return v.asText();
    }

    /**
     * Parses {@code YYYY-MM-DD HH:MM:SS} as UTC (D3), also with a {@code T} separator, fractional seconds and an
     * offset such as {@code Z} or {@code +02:00}.
     */
    static Instant parseTimestamp(String text) {
        String t = text.trim();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11).trim();
        }
        TemporalAccessor parsed = TIMESTAMP.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }
}
