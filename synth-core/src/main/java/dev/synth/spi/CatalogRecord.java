package dev.synth.spi;

import dev.synth.event.CatalogType;
import java.util.Objects;

/**
 * The persisted form of one catalog entry: created once, never regenerated on resume (reference 6.3).
 *
 * @param type the entry's catalog type
 * @param uuid the entry's uuid, unique within a run
 * @param data the entry's fields as JSON text
 */
public record CatalogRecord(CatalogType type, String uuid, String data) {
    public CatalogRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(data, "data");
    }
}
