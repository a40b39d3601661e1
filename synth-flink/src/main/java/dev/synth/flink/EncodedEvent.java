package dev.synth.flink;

/**
 * One event as the job's sinks write it: its CSV row for the part files, its JSON object for Kafka, the Kafka
 * record key and the event time. A Flink POJO (public no-arg constructor, public fields).
 *
 * <p>Only what the job's sinks need is encoded: {@link #row} is null without {@code --output-dir} (and for a
 * fake log event when {@code global.filter_log_events_for_csv} drops it from the CSV output), {@link #value} is
 * null without {@code --kafka-bootstrap}.
 *
 * <p>Compatibility: up to this version the type had a single {@code row} field, which was also the Kafka value
 * (the CSV row). Savepoints of an older job version may not restore: the type is in no keyed or operator state,
 * only passed between operators (which aligned checkpoints and savepoints do not store), so they are expected to,
 * but this is untested; a retained <em>unaligned</em> checkpoint of an older version holds in-flight records of
 * the old layout and will not. Kafka transactions an older version left pending hold CSV values, so after such a
 * restore the topics hold CSV values up to the restore point and JSON objects after it.
 */
public final class EncodedEvent {
    /** True for a catalog event, false for a log event. */
    public boolean catalog;
    /** The Kafka record key: the user id of a log event, {@code <subject_type>:<id>} of a catalog event. */
    public String key;
    /** Event time, epoch milliseconds (the Kafka record timestamp). */
    public long timeMillis;
    /** The CSV row for the part files, UTF-8, line end included; null when no file takes it. */
    public byte[] row;
    /**
     * The Kafka record value: the event's JSON object as the {@code kafka} sink writes it
     * ({@link dev.synth.event.EventJson}, UTF-8, no line end); null when the job writes no Kafka.
     */
    public byte[] value;

    /** For Flink's serializer. */
    public EncodedEvent() {
    }

    public EncodedEvent(boolean catalog, String key, long timeMillis, byte[] row, byte[] value) {
        this.catalog = catalog;
        this.key = key;
        this.timeMillis = timeMillis;
        this.row = row;
        this.value = value;
    }
}
