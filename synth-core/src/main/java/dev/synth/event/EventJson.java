package dev.synth.event;

import java.nio.charset.StandardCharsets;

/**
 * Events as JSON objects: the JSON Lines format, also the value of a Kafka record. One fact, one place: every
 * output that writes an event as a JSON object uses these two methods.
 *
 * <p>A log event: {@code {"ts":"2020-01-01T00:15:13.873687Z","type":"identify","u_id":"...","d_id":"...",
 * "os":"android","ol":true,"ip":"0.0.0.0","up":96371,"dn":33712,"block":"core","props":{"action":"register"}}};
 * {@code props} is a nested object whose values keep their types (numbers stay numbers, see
 * {@link EventSchema}). A catalog event: {@code {"ts":"...","subject_type":"media","data":{...}}}. Times are
 * UTC with microseconds, the format of {@link Timestamps}. Keys always come in this order; the output is compact
 * (no spaces) and UTF-8; the JSON value rules are {@link JsonValues}'.
 */
public final class EventJson {
    private static final byte[] TS = ascii("{\"ts\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] USER = ascii(",\"u_id\":");
    private static final byte[] DEVICE = ascii(",\"d_id\":");
    private static final byte[] OS = ascii(",\"os\":\"" + LogEvent.OS + "\",\"ol\":");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] IP = ascii(",\"ip\":\"" + LogEvent.IP + "\",\"up\":");
    private static final byte[] DN = ascii(",\"dn\":");
    private static final byte[] BLOCK = ascii(",\"block\":");
    private static final byte[] PROPS = ascii(",\"props\":");
    private static final byte[] SUBJECT_TYPE = ascii(",\"subject_type\":");
    private static final byte[] DATA = ascii(",\"data\":");

    private EventJson() {
    }

    /**
     * Appends a log event's JSON object (no line end) to {@code out}.
     *
     * @throws IllegalArgumentException if a props value is not a JSON value (see {@link JsonValues})
     */
    public static void writeLog(JsonBuffer out, LogEvent e) {
        out.put(TS);
        out.putTimestamp(e.timeMicros());
        out.put(TYPE);
        out.putJsonString(e.type());
        out.put(USER);
        out.putJsonString(e.userId());
        out.put(DEVICE);
        out.putJsonString(e.deviceId());
        out.put(OS);
        out.put(e.online() ? TRUE : FALSE);
        out.put(IP);
        out.putInt(e.up());
        out.put(DN);
        out.putInt(e.dn());
        out.put(BLOCK);
        out.putJsonString(e.block().wireName());
        out.put(PROPS);
        out.writeObject(e.props());
        out.put((byte) '}');
    }

    /**
     * Appends a catalog event's JSON object (no line end) to {@code out}.
     *
     * @throws IllegalArgumentException if a data value is not a JSON value
     */
    public static void writeCatalog(JsonBuffer out, CatalogEvent e) {
        out.put(TS);
        out.putTimestamp(e.timeMicros());
        out.put(SUBJECT_TYPE);
        out.putJsonString(e.subjectType());
        out.put(DATA);
        out.writeObject(e.data());
        out.put((byte) '}');
    }

    /** A log event's JSON object as a string. */
    public static String log(LogEvent e) {
        JsonBuffer b = new JsonBuffer(256);
        writeLog(b, e);
        return b.toString();
    }

    /** A catalog event's JSON object as a string. */
    public static String catalog(CatalogEvent e) {
        JsonBuffer b = new JsonBuffer(256);
        writeCatalog(b, e);
        return b.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
