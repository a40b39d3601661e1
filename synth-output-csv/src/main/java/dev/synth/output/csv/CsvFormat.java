package dev.synth.output.csv;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.UUID;

/**
 * Renders log and catalog events as CSV rows (DECISIONS D25): the reference's columns in its order, RFC 4180
 * quoting, {@code \r\n} line ends, UTF-8, {@code ol} as {@code true}/{@code false}, and {@code props} / catalog
 * {@code data} as compact JSON objects with keys in map order.
 *
 * <p>The JSON is byte for byte what Jackson's {@code JsonGenerator} writes (compact, its escapes, with
 * {@code USE_FAST_DOUBLE_WRITER} and {@code COMBINE_UNICODE_SURROGATES_IN_UTF8}), as a property test checks, but
 * is written straight into the CSV field with its quotes doubled: one pass over each string instead of a
 * generator pass plus a quote-doubling pass, which more than halves the cost of a row.
 *
 * <p>JSON values: strings, booleans, {@code null}, numbers ({@code Integer}, {@code Long}, {@code Short},
 * {@code Byte}, {@code Double}, {@code Float}, {@code BigInteger}, {@code BigDecimal}), maps (keys written with
 * {@code String.valueOf}), lists, other iterables and object arrays. Doubles are written by Jackson's
 * JDK-independent shortest-representation writer ({@code 1.0}, {@code 246.0}, {@code 1.0E7}), so output does
 * not change with the JDK; NaN and infinities become the strings {@code "NaN"}, {@code "Infinity"}. Also accepted
 * and written as JSON strings: other {@code CharSequence}s, {@code Character}, enums ({@code toString()}),
 * {@code UUID}, and {@code Instant} (in the {@code ts} format). Anything else is refused with an
 * {@link IllegalArgumentException} naming its type and key, rather than written as an unreadable
 * {@code toString()}; so is nesting deeper than 1000 levels (a map that contains itself).
 *
 * <p>Not thread-safe: one instance per writer (it caches the date of the last timestamp).
 */
final class CsvFormat {
    static final String LOG_HEADER = "u_id,d_id,os,ol,ts,type,ip,up,dn,block,props\r\n";
    static final String CATALOG_HEADER = "ts,subject_type,data\r\n";

    private static final byte[] LOG_HEADER_BYTES = ascii(LOG_HEADER);
    private static final byte[] CATALOG_HEADER_BYTES = ascii(CATALOG_HEADER);
    private static final byte[] OS_FIELD = ascii("," + csvConstant(LogEvent.OS) + ",");
    private static final byte[] ONLINE = ascii("true,");
    private static final byte[] OFFLINE = ascii("false,");
    private static final byte[] IP_FIELD = ascii("," + csvConstant(LogEvent.IP) + ",");
    private static final byte[] EMPTY_OBJECT = ascii("{}");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    /** As Jackson's default {@code StreamWriteConstraints}. */
    private static final int MAX_DEPTH = 1000;
    private static final byte[] LINE_END = ascii("\r\n");

    /** Times within about 146,000 years of 1970, where the arithmetic of the day cache cannot overflow. */
    private static final long MAX_CACHED_MICROS = Long.MAX_VALUE / 2;
    private static final long MIN_CACHED_MICROS = -MAX_CACHED_MICROS;

    private final StringBuilder timestamp = new StringBuilder(32);
    /** The start of the day of the last timestamp, and that day as {@code yyyy-MM-dd'T'}. */
    private long cachedMidnight = Long.MIN_VALUE / 2;
    private byte[] cachedDate;

    void writeLogHeader(OutBuffer out) throws IOException {
        out.put(LOG_HEADER_BYTES);
    }

    void writeCatalogHeader(OutBuffer out) throws IOException {
        out.put(CATALOG_HEADER_BYTES);
    }

    /** {@code u_id,d_id,os,ol,ts,type,ip,up,dn,block,props}. */
    void writeLogRow(OutBuffer out, LogEvent e) throws IOException {
        out.putField(e.userId());
        out.put((byte) ',');
        out.putField(e.deviceId());
        out.put(OS_FIELD);
        out.put(e.online() ? ONLINE : OFFLINE);
        putTimestamp(out, e.timeMicros());
        out.put((byte) ',');
        out.putField(e.type());
        out.put(IP_FIELD);
        out.putInt(e.up());
        out.put((byte) ',');
        out.putInt(e.dn());
        out.put((byte) ',');
        out.putField(e.block().wireName());
        out.put((byte) ',');
        putJsonObject(out, e.props());
        out.put(LINE_END);
    }

    /** {@code ts,subject_type,data}. */
    void writeCatalogRow(OutBuffer out, CatalogEvent e) throws IOException {
        putTimestamp(out, e.timeMicros());
        out.put((byte) ',');
        out.putField(e.subjectType());
        out.put((byte) ',');
        putJsonObject(out, e.data());
        out.put(LINE_END);
    }

    /** One log row as text, line end included. */
    String logRow(LogEvent e) {
        OutBuffer out = new OutBuffer(256);
        try {
            writeLogRow(out, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // cannot happen in memory
        }
        return out.toString();
    }

    /** One catalog row as text, line end included. */
    String catalogRow(CatalogEvent e) {
        OutBuffer out = new OutBuffer(256);
        try {
            writeCatalogRow(out, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /**
     * {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'}, as {@link Timestamps} formats it: the date part comes from
     * {@link Timestamps} once per day, the time of day is plain arithmetic.
     */
    private void putTimestamp(OutBuffer out, long micros) throws IOException {
        if (micros < MIN_CACHED_MICROS || micros > MAX_CACHED_MICROS) {
            timestamp.setLength(0);
            Timestamps.appendTo(timestamp, micros);
            out.putChars(timestamp);
            return;
        }
        long microOfDay = micros - cachedMidnight;
        if (microOfDay < 0 || microOfDay >= Micros.PER_DAY) {
            microOfDay = Math.floorMod(micros, Micros.PER_DAY);
            cachedMidnight = micros - microOfDay;
            String midnight = Timestamps.format(cachedMidnight);
            cachedDate = midnight.substring(0, midnight.indexOf('T') + 1).getBytes(StandardCharsets.US_ASCII);
        }
        out.put(cachedDate);
        out.putTimeOfDay(microOfDay);
    }

    /**
     * A JSON object as one CSV field. A non-empty object always holds a quote (its keys are JSON strings), so it
     * is always quoted, with its quotes doubled; {@code {}} never needs to be.
     */
    private static void putJsonObject(OutBuffer out, Map<String, Object> map) throws IOException {
        if (map.isEmpty()) {
            out.put(EMPTY_OBJECT);
            return;
        }
        out.put((byte) '"');
        putObject(out, map, 1);
        out.put((byte) '"');
    }

    private static void putObject(OutBuffer out, Map<?, ?> map, int depth) throws IOException {
        out.put((byte) '{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.put((byte) ',');
            }
            first = false;
            Object key = entry.getKey();
            String name = key instanceof String k ? k : String.valueOf(key);
            out.putJsonString(name);
            out.put((byte) ':');
            putValue(out, name, entry.getValue(), depth);
        }
        out.put((byte) '}');
    }

    private static void putValue(OutBuffer out, String key, Object v, int depth) throws IOException {
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

    private static void putRareValue(OutBuffer out, String key, Object v, int depth) throws IOException {
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
    private static void putDouble(OutBuffer out, double d) throws IOException {
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

    private static void putCents(OutBuffer out, long cents) throws IOException {
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

    /** The event constants are written without a quoting check: make sure they need none. */
    private static String csvConstant(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n' || c >= 0x80) {
                throw new IllegalStateException("constant needs quoting: " + s);
            }
        }
        return s;
    }
}
