package dev.synth.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A catalog entry (a user, page, media item, product...) written once, when it is created (DECISIONS D24).
 *
 * @param timeMicros when the entry was created, epoch microseconds UTC
 * @param type       catalog type of the entry
 * @param data       the entry's fields, in output order (JSON values, not modified after construction)
 */
public record CatalogEvent(long timeMicros, CatalogType type, Map<String, Object> data) {
    public CatalogEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    /** {@link #timeMicros()} as an instant. */
    public Instant timestamp() {
        return Micros.toInstant(timeMicros);
    }

    /** The {@code subject_type} column: {@code media} for the three media types, else the type name. */
    public String subjectType() {
        return type.subjectType();
    }

    /**
     * The entry's key, {@code <subject_type>:<id>} with the entry's {@code uuid} (or {@code platform_uuid}, for
     * users), or the subject type alone when the entry has neither: the Kafka record key of catalog events (the
     * {@code kafka} sink and the Flink job).
     */
    public String key() {
        Object id = data.get("uuid");
        if (id == null) {
            id = data.get("platform_uuid");
        }
        return id == null ? subjectType() : subjectType() + ":" + id;
    }
}
