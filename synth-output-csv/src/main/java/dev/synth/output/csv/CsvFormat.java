package dev.synth.output.csv;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
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
 * <p>JSON values: strings, booleans, {@code null}, numbers ({@code Integer}, {@code Long}, {@code Short},
 * {@code Byte}, {@code Double}, {@code Float}, {@code BigInteger}, {@code BigDecimal}), maps (keys written with
 * {@code String.valueOf}), lists, other iterables and object arrays. Doubles are written by Jackson's
 * JDK-independent shortest-representation writer ({@code 1.0}, {@code 246.0}, {@code 1.0E7}), so output does
 * not change with the JDK; NaN and infinities become the strings {@code "NaN"}, {@code "Infinity"}. Also accepted
 * and written as JSON strings: other {@code CharSequence}s, {@code Character}, enums ({@code toString()}),
 * {@code UUID}, and {@code Instant} (in the {@code ts} format). Anything else is refused with an
 * {@link IllegalArgumentException} naming its type and key, rather than written as an unreadable
 * {@code toString()}.
 *
 * <p>Not thread-safe: one instance per writer. Reuses one JSON generator and one timestamp builder.
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
    private static final byte[] LINE_END = ascii("\r\n");

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .rootValueSeparator((SerializableString) null) // one object per row, nothing between them
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8) // an emoji as 4 UTF-8 bytes, not two escapes
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final QuoteDoublingStream jsonTarget = new QuoteDoublingStream();
    private final StringBuilder timestamp = new StringBuilder(32);
    private JsonGenerator json;

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

    private void putTimestamp(OutBuffer out, long micros) throws IOException {
        timestamp.setLength(0);
        Timestamps.appendTo(timestamp, micros);
        out.putChars(timestamp);
    }

    /**
     * A JSON object as one CSV field. A non-empty object always holds a quote (its keys are JSON strings), so it
     * is always quoted; {@code {}} never needs to be.
     */
    private void putJsonObject(OutBuffer out, Map<String, Object> map) throws IOException {
        if (map.isEmpty()) {
            out.put(EMPTY_OBJECT);
            return;
        }
        out.put((byte) '"');
        jsonTarget.out = out;
        JsonGenerator g = generator();
        try {
            writeObject(g, map);
            g.flush();
        } catch (IOException | RuntimeException ex) {
            json = null; // its context is mid-object now: start over with a fresh one
            throw ex;
        } finally {
            jsonTarget.out = null;
        }
        out.put((byte) '"');
    }

    private JsonGenerator generator() throws IOException {
        if (json == null) {
            json = JSON.createGenerator(jsonTarget, JsonEncoding.UTF8);
        }
        return json;
    }

    private static void writeObject(JsonGenerator g, Map<?, ?> map) throws IOException {
        g.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            String name = key instanceof String s ? s : String.valueOf(key);
            g.writeFieldName(name);
            writeValue(g, name, entry.getValue());
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, String key, Object v) throws IOException {
        // the common types first
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (v instanceof Integer i) {
            g.writeNumber(i.intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b.booleanValue());
        } else if (v instanceof Map<?, ?> m) {
            writeObject(g, m);
        } else if (v instanceof List<?> list && list instanceof RandomAccess) {
            g.writeStartArray();
            for (int i = 0, n = list.size(); i < n; i++) {
                writeValue(g, key, list.get(i));
            }
            g.writeEndArray();
        } else if (v instanceof Iterable<?> iterable) {
            g.writeStartArray();
            for (Object item : iterable) {
                writeValue(g, key, item);
            }
            g.writeEndArray();
        } else if (v == null) {
            g.writeNull();
        } else {
            writeRareValue(g, key, v);
        }
    }

    private static void writeRareValue(JsonGenerator g, String key, Object v) throws IOException {
        if (v instanceof Float f) {
            g.writeNumber(f.floatValue());
        } else if (v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Object[] array) {
            g.writeStartArray();
            for (Object item : array) {
                writeValue(g, key, item);
            }
            g.writeEndArray();
        } else if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>
                || v instanceof UUID) {
            g.writeString(v.toString());
        } else if (v instanceof Instant t) {
            g.writeString(Timestamps.format(Micros.of(t)));
        } else {
            throw new IllegalArgumentException("value of '" + key + "' has type " + v.getClass().getName()
                    + ", which is not a JSON value (string, number, boolean, null, map, list)");
        }
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

    /** Where the JSON generator writes: the current row's buffer, with quotes doubled for the CSV field. */
    private static final class QuoteDoublingStream extends OutputStream {
        OutBuffer out;

        @Override
        public void write(int b) throws IOException {
            out.put((byte) b);
            if (b == '"') {
                out.put((byte) '"');
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.putQuoteDoubled(b, off, len);
        }
    }
}
