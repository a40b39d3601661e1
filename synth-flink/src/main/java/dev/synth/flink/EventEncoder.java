package dev.synth.flink;

import dev.synth.event.CatalogEvent;
import dev.synth.event.EventJson;
import dev.synth.event.JsonBuffer;
import dev.synth.event.LogEvent;
import dev.synth.output.csv.CsvRows;

/**
 * Turns events into {@link EncodedEvent}s, encoding only what the job's sinks need: rows in the CSV sink's format
 * ({@link CsvRows}) for the part files, and the JSON objects the {@code kafka} sink writes ({@link EventJson}, no
 * line end) for the Kafka values; Kafka keys ({@link LogEvent#userId()}, {@link CatalogEvent#key()}) and record
 * timestamps. Not thread-safe: one per task.
 */
final class EventEncoder {
    private final boolean rows;
    private final boolean values;
    private final boolean filterFakeRows;
    private final CsvRows csv = new CsvRows();
    private final JsonBuffer json = new JsonBuffer(1024);

    /**
     * @param rows           encode CSV rows ({@code --output-dir})
     * @param values         encode Kafka values ({@code --kafka-bootstrap})
     * @param filterFakeRows leave fake log events out of the CSV rows, as the CSV sink does with
     *                       {@code global.filter_log_events_for_csv}; the Kafka values keep them, as the
     *                       {@code kafka} sink does
     */
    EventEncoder(boolean rows, boolean values, boolean filterFakeRows) {
        this.rows = rows;
        this.values = values;
        this.filterFakeRows = filterFakeRows;
    }

    /** The log event for the sinks, or null when no sink takes it. */
    EncodedEvent log(LogEvent e) {
        byte[] row = rows && !(filterFakeRows && e.fake()) ? csv.logRow(e) : null;
        byte[] value = null;
        if (values) {
            json.reset();
            EventJson.writeLog(json, e);
            value = json.toByteArray();
        }
        if (row == null && value == null) {
            return null;
        }
        return new EncodedEvent(false, e.userId(), Math.floorDiv(e.timeMicros(), 1000L), row, value);
    }

    /** The catalog event for the sinks, or null when no sink takes it. */
    EncodedEvent catalog(CatalogEvent e) {
        byte[] row = rows ? csv.catalogRow(e) : null;
        byte[] value = null;
        if (values) {
            json.reset();
            EventJson.writeCatalog(json, e);
            value = json.toByteArray();
        }
        if (row == null && value == null) {
            return null;
        }
        return new EncodedEvent(true, e.key(), Math.floorDiv(e.timeMicros(), 1000L), row, value);
    }
}
