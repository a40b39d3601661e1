package dev.synth.flink;

import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.output.csv.CsvRows;
import java.util.Map;

/**
 * Turns events into {@link EncodedEvent}s: rows in the CSV sink's format ({@link CsvRows}), Kafka keys and
 * record timestamps. Not thread-safe: one per task.
 */
final class EventEncoder {
    private final CsvRows rows = new CsvRows();

    EncodedEvent log(LogEvent e) {
        return new EncodedEvent(false, e.userId(), Math.floorDiv(e.timeMicros(), 1000L), rows.logRow(e));
    }

    EncodedEvent catalog(CatalogEvent e) {
        return new EncodedEvent(true, catalogKey(e), Math.floorDiv(e.timeMicros(), 1000L), rows.catalogRow(e));
    }

    /** {@code <subject_type>:<id>} (the entry's {@code uuid} or {@code platform_uuid}), else the subject type. */
    static String catalogKey(CatalogEvent e) {
        Map<String, Object> data = e.data();
        Object id = data.get("uuid");
        if (id == null) {
            id = data.get("platform_uuid");
        }
        return id == null ? e.subjectType() : e.subjectType() + ":" + id;
    }
}
