package dev.synth.output.csv;

import dev.synth.event.CatalogEvent;
import dev.synth.event.JsonValues;
import dev.synth.event.LogEvent;
import dev.synth.event.TimestampBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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
 * <p>The JSON value rules (which Java values are accepted and how numbers are written) are
 * {@link JsonValues}', shared by every output.
 *
 * <p>Not thread-safe: one instance per writer (it caches the date of the last timestamp).
 */
final class CsvFormat implements RowFormat {
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

    /** Caches the date of the last timestamp. */
    private final TimestampBytes timestamps = new TimestampBytes();

    @Override
    public void writeLogHeader(OutBuffer out) throws IOException {
        out.put(LOG_HEADER_BYTES);
    }

    @Override
    public void writeCatalogHeader(OutBuffer out) throws IOException {
        out.put(CATALOG_HEADER_BYTES);
    }

    /** {@code u_id,d_id,os,ol,ts,type,ip,up,dn,block,props}. */
    @Override
    public void writeLogRow(OutBuffer out, LogEvent e) throws IOException {
        out.putField(e.userId());
        out.put((byte) ',');
        out.putField(e.deviceId());
        out.put(OS_FIELD);
        out.put(e.online() ? ONLINE : OFFLINE);
        out.putTimestamp(timestamps, e.timeMicros());
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
    @Override
    public void writeCatalogRow(OutBuffer out, CatalogEvent e) throws IOException {
        out.putTimestamp(timestamps, e.timeMicros());
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
     * A JSON object as one CSV field. A non-empty object always holds a quote (its keys are JSON strings), so it
     * is always quoted, with its quotes doubled; {@code {}} never needs to be.
     */
    private static void putJsonObject(OutBuffer out, Map<String, Object> map) throws IOException {
        if (map.isEmpty()) {
            out.put(EMPTY_OBJECT);
            return;
        }
        out.put((byte) '"');
        JsonValues.writeObject(out, map); // OutBuffer doubles the quotes of JSON strings
        out.put((byte) '"');
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
