package dev.synth.flink;

/**
 * One event as the sinks write it: its row (a CSV row or a JSON line, line end included), the Kafka record
 * key and the event time. A Flink POJO.
 */
public final class EncodedEvent {
    /** True for a catalog event, false for a log event. */
    public boolean catalog;
    /** The Kafka record key: the user id of a log event, {@code <subject_type>:<id>} of a catalog event. */
    public String key;
    /** Event time, epoch milliseconds (the Kafka record timestamp). */
    public long timeMillis;
    /** The row, UTF-8, line end included. */
    public byte[] row;

    /** For Flink's serializer. */
    public EncodedEvent() {
    }

    public EncodedEvent(boolean catalog, String key, long timeMillis, byte[] row) {
        this.catalog = catalog;
        this.key = key;
        this.timeMillis = timeMillis;
        this.row = row;
    }
}
