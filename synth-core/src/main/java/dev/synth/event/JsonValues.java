package dev.synth.event;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.UUID;

/**
 * The JSON value rules of every output (CSV {@code props}/{@code data}, HTTP payloads, JSON Lines, Parquet's JSON
 * columns, Kafka values): one copy, so the outputs cannot drift apart. The bytes are those Jackson's
 * {@code JsonGenerator} writes (compact, its escapes, {@code USE_FAST_DOUBLE_WRITER},
 * {@code COMBINE_UNICODE_SURROGATES_IN_UTF8}); the CSV sink's property test holds them against Jackson.
 *
 * <p>JSON values: strings, booleans, {@code null}, numbers ({@code Integer}, {@code Long}, {@code Short},
 * {@code Byte}, {@code Double}, {@code Float}, {@code BigInteger}, {@code BigDecimal}), maps (keys written with
 * {@code String.valueOf}, in the map's order), lists, other iterables and object arrays. Doubles are written by
 * Jackson's JDK-independent shortest-representation writer ({@code 1.0}, {@code 246.0}, {@code 1.0E7}), so
 * output does not change with the JDK; NaN and infinities become the strings {@code "NaN"}, {@code "Infinity"}.
 * Also accepted and written as JSON strings: other {@code CharSequence}s, {@code Character}, enums
 * ({@code toString()}), {@code UUID}, and {@code Instant} (in the {@link Timestamps} format). Anything else is
 * refused with an {@link IllegalArgumentException} naming its type and key, rather than written as an
 * unreadable {@code toString()}; so is nesting deeper than 1000 levels (a map that contains itself).
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonValues {
    /** As Jackson's default {@code StreamWriteConstraints}. */
    public static final int MAX_DEPTH = 1000;

    private static final byte[] EMPTY_OBJECT = ascii("{}");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    private JsonValues() {
    }

    /** A JSON object of a map, keys in the map's order; {@code {}} when empty. */
    public static void writeObject(JsonOutput out, Map<?, ?> map) throws IOException {
        if (map.isEmpty()) {
            out.put(EMPTY_OBJECT);
            return;
        }
        putObject(out, map, 1);
    }

    /**
     * One JSON value.
     *
     * @param key the property the value belongs to, named in an error
     * @throws IllegalArgumentException if the value is not a JSON value
     */
    public static void writeValue(JsonOutput out, String key, Object value) throws IOException {
        putValue(out, key, value, 1);
    }

    /** A JSON object as a string, for messages and tests. */
    public static String toJson(Map<?, ?> map) {
        JsonBuffer b = new JsonBuffer(64);
        b.writeObject(map);
        return b.toString();
    }

    private static void putObject(JsonOutput out, Map<?, ?> map, int depth) throws IOException {
        out.put((byte) '{');
        Object[] kv = Props.arrayOf(map);
        if (kv != null) { // the usual props: no iterator, no entries
            for (int i = 0; i < kv.length; i += 2) {
                if (i > 0) {
                    out.put((byte) ',');
                }
                String name = (String) kv[i];
                out.putKey(name);
                putValue(out, name, kv[i + 1], depth);
            }
        } else {
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.put((byte) ',');
                }
                first = false;
                Object key = entry.getKey();
                String name = key instanceof String k ? k : String.valueOf(key);
                out.putKey(name);
                putValue(out, name, entry.getValue(), depth);
            }
        }
        out.put((byte) '}');
    }

    private static void putValue(JsonOutput out, String key, Object v, int depth) throws IOException {
        // the common types first
        if (v instanceof String s) {
            out.putJsonString(s);
        } else if (v instanceof Double d) {
            putDouble(out, d.doubleValue());
        } else if (v instanceof Integer i) {
            out.putInt(i.intValue());
        } else if (v instanceof Long l) {
            out.putLong(l.longValue());
        } else if (v instanceof Boolean b) {
            out.put(b.booleanValue() ? TRUE : FALSE);
        } else if (v instanceof Map<?, ?> m) {
            putObject(out, m, deeper(depth, key));
        } else if (v instanceof List<?> list && list instanceof RandomAccess) {
            int inner = deeper(depth, key);
            out.put((byte) '[');
            for (int i = 0, n = list.size(); i < n; i++) {
                if (i > 0) {
                    out.put((byte) ',');
                }
                putValue(out, key, list.get(i), inner);
            }
            out.put((byte) ']');
        } else if (v == null) {
            out.put(NULL);
        } else {
            putRareValue(out, key, v, depth);
        }
    }

    private static void putRareValue(JsonOutput out, String key, Object v, int depth) throws IOException {
        if (v instanceof Iterable<?> iterable) {
            int inner = deeper(depth, key);
            out.put((byte) '[');
            boolean first = true;
            for (Object item : iterable) {
                if (!first) {
                    out.put((byte) ',');
                }
                first = false;
                putValue(out, key, item, inner);
            }
            out.put((byte) ']');
        } else if (v instanceof Object[] array) {
            int inner = deeper(depth, key);
            out.put((byte) '[');
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    out.put((byte) ',');
                }
                putValue(out, key, array[i], inner);
            }
            out.put((byte) ']');
        } else if (v instanceof Float f) {
            float x = f.floatValue();
            if (Float.isFinite(x)) {
                out.putChars(NumberOutput.toString(x, true));
            } else {
                out.putJsonString(Float.toString(x));
            }
        } else if (v instanceof Short || v instanceof Byte) {
            out.putInt(((Number) v).intValue());
        } else if (v instanceof BigDecimal || v instanceof BigInteger) {
            out.putChars(v.toString());
        } else if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>
                || v instanceof UUID) {
            out.putJsonString(v.toString());
        } else if (v instanceof Instant t) {
            out.putJsonString(Timestamps.format(Micros.of(t)));
        } else {
            throw new IllegalArgumentException("value of '" + key + "' has type " + v.getClass().getName()
                    + ", which is not a JSON value (string, number, boolean, null, map, list)");
        }
    }

    /**
     * Shortest representation that reads back as the same double, by Jackson's JDK-independent writer
     * ({@code 1.0}, {@code 246.0}, {@code 1.0E7}); NaN and infinities as strings, as Jackson writes them.
     */
    public static void writeDouble(JsonOutput out, double d) throws IOException {
        putDouble(out, d);
    }

    private static void putDouble(JsonOutput out, double d) throws IOException {
        if (Math.abs(d) < 1e7) { // false for NaN
            long cents = Math.round(d * 100);
            if (cents != 0 && cents / 100.0 == d) {
                // d is the double nearest to cents / 100: that decimal, trailing zeros cut, is the shortest
                // representation (any other one in d's rounding interval, far narrower than 0.01 here, would
                // need more digits), and Jackson's writer prints it plain below 1e7: 246.0, 20.25, 0.5, -3.1
                putCents(out, cents);
                return;
            }
        }
        if (Double.isFinite(d)) {
            out.putChars(NumberOutput.toString(d, true));
        } else {
            out.putJsonString(Double.toString(d));
        }
    }

    private static void putCents(JsonOutput out, long cents) throws IOException {
        long abs = Math.abs(cents);
        if (cents < 0) {
            out.put((byte) '-');
        }
        out.putLong(abs / 100);
        out.put((byte) '.');
        int fraction = (int) (abs % 100);
        if (fraction % 10 == 0) {
            out.put((byte) ('0' + fraction / 10));
        } else {
            out.putTwoDigits(fraction);
        }
    }

    private static int deeper(int depth, String key) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("value of '" + key + "' is nested more than " + MAX_DEPTH
                    + " levels deep: does a map or list contain itself?");
        }
        return depth + 1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
