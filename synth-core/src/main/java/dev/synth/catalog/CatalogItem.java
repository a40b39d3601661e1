package dev.synth.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.synth.StateStoreException;
import dev.synth.event.CatalogType;
import dev.synth.spi.CatalogRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One catalog entry: a page, a media file, a shop item, a module, an exam, a question, a milestone, a promotion...
 * (reference 5.4, 8.1).
 *
 * <p>{@code data} holds the entry's fields in the reference's field order, for example a page is
 * {@code {uuid, path, title}} and a question is {@code {exam_uuid, uuid, correct_answer_uuid, wrong_answer_uuids}}.
 * Its values are JSON-like: {@code String}, {@code Boolean}, {@code Integer}/{@code Long}/{@code Double}, lists
 * and maps of those, or {@code null}. The map and every nested list or map are unmodifiable copies whose
 * iteration order is the insertion order, so an entry always serialises to the same JSON text.
 *
 * <p>The typed accessors ({@link #price()}, {@link #lengthMillis()}, ...) read the fields the model needs and throw
 * {@link IllegalStateException} naming the entry when the field is absent or has the wrong type.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the entry's catalog type
 * @param uuid the entry's uuid; equal to {@code data.uuid} when the data has one
 * @param data the entry's fields, in order
 */
public record CatalogItem(CatalogType type, String uuid, Map<String, Object> data) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE = new TypeReference<>() {};

    public CatalogItem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(data, "data");
        data = freezeMap(data);
        Object dataUuid = data.get("uuid");
        if (dataUuid != null && !uuid.equals(dataUuid)) {
            throw new IllegalArgumentException(
                    "uuid " + uuid + " differs from data.uuid " + dataUuid + " in a " + type.configName() + " entry");
        }
    }

    /**
     * An entry whose uuid is taken from {@code data.uuid}.
     *
     * @throws IllegalArgumentException if {@code data} has no string {@code uuid}
     */
    public static CatalogItem of(CatalogType type, Map<String, Object> data) {
        Objects.requireNonNull(data, "data");
        if (!(data.get("uuid") instanceof String id)) {
            throw new IllegalArgumentException("a " + type.configName() + " entry needs a string uuid: " + data);
        }
        return new CatalogItem(type, id, data);
    }

    // ---------------------------------------------------------------------------------------------- JSON / records

    /**
     * The data as compact JSON text, fields in order, non-ASCII characters escaped as in the reference. Doubles are
     * written in Java's shortest round-tripping form ({@code 12.5}, {@code 4.32E7}), integers without a fraction.
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type.configName() + " " + uuid, e);
        }
    }

    /** The persisted form: type, uuid and {@link #toJson()}. */
    public CatalogRecord toRecord() {
        return new CatalogRecord(type, uuid, toJson());
    }

    /**
     * Reads a persisted entry. Field order and value types survive the round trip: numbers written with a fraction
     * or an exponent come back as {@code Double}, others as {@code Integer} (or {@code Long} when large).
     *
     * @throws StateStoreException if the record's data is not a JSON object or does not match its uuid
     */
    public static CatalogItem fromRecord(CatalogRecord record) {
        Objects.requireNonNull(record, "record");
        Map<String, Object> data;
        try {
            data = JSON.readValue(record.data(), MAP_TYPE);
        } catch (JsonProcessingException e) {
            throw new StateStoreException("catalog entry " + record.type().configName() + " " + record.uuid()
                    + " has unreadable data: " + e.getOriginalMessage(), e);
        }
        if (data == null) {
            throw new StateStoreException(
                    "catalog entry " + record.type().configName() + " " + record.uuid() + " has null data");
        }
        try {
            return new CatalogItem(record.type(), record.uuid(), data);
        } catch (IllegalArgumentException e) {
            throw new StateStoreException(e.getMessage(), e);
        }
    }

    // -------------------------------------------------------------------------------------------- typed accessors

    /** {@code true} when the data has the field (even with a {@code null} value). */
    public boolean has(String field) {
        return data.containsKey(field);
    }

    /** A numeric field as a double. */
    public double number(String field) {
        if (data.get(field) instanceof Number n) {
            return n.doubleValue();
        }
        throw missing(field, "a number");
    }

    /** A string field. */
    public String string(String field) {
        if (data.get(field) instanceof String s) {
            return s;
        }
        throw missing(field, "a string");
    }

    /** A field holding a list of strings, unmodifiable. */
    public List<String> strings(String field) {
        if (data.get(field) instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String)) {
                    throw missing(field, "a list of strings");
                }
            }
            @SuppressWarnings("unchecked")
            List<String> strings = (List<String>) list;
            return strings;
        }
        throw missing(field, "a list of strings");
    }

    /** Unit price in USD: {@code item_price} for the four shop item types, {@code price} for e-learning shop items. */
    public double price() {
        return number(data.containsKey("item_price") ? "item_price" : "price");
    }

    /** Media length ({@code length}): milliseconds for video and audio; the unscaled 10..2000 value for images. */
    public double lengthMillis() {
        return number("length");
    }

    /** Module or exam duration in seconds ({@code duration}). */
    public double durationSeconds() {
        return number("duration");
    }

    /** Exam difficulty in [0, 1]: 0 is easy, 1 is hard ({@code difficulty}). */
    public double difficulty() {
        return number("difficulty");
    }

    /** The exam a question belongs to ({@code exam_uuid}). */
    public String examUuid() {
        return string("exam_uuid");
    }

    /** A question's correct answer ({@code correct_answer_uuid}). */
    public String correctAnswerUuid() {
        return string("correct_answer_uuid");
    }

    /** A question's four wrong answers ({@code wrong_answer_uuids}). */
    public List<String> wrongAnswerUuids() {
        return strings("wrong_answer_uuids");
    }

    /** The level score a milestone needs ({@code required_score}). */
    public double requiredScore() {
        return number("required_score");
    }

    /** A page's address ({@code path}). */
    public String path() {
        return string("path");
    }

    /** A page's or promotion's title ({@code title}). */
    public String title() {
        return string("title");
    }

    /** A media entry's kind: {@code video}, {@code audio} or {@code image} ({@code media_type}). */
    public String mediaType() {
        return string("media_type");
    }

    /** A promotion's price factor, e.g. 0.85 ({@code cost_adjustment_ratio}). */
    public double costAdjustmentRatio() {
        return number("cost_adjustment_ratio");
    }

    /** A promotion's end as epoch seconds ({@code end_timestamp}). */
    public double endTimestamp() {
        return number("end_timestamp");
    }

    private IllegalStateException missing(String field, String what) {
        return new IllegalStateException(
                type.configName() + " " + uuid + ": field " + field + " is not " + what + " (was " + data.get(field)
                        + ")");
    }

    // ------------------------------------------------------------------------------------------------ deep freeze

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("catalog data keys must be strings: " + e.getKey());
            }
            copy.put(key, freeze(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(freeze(o));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            return freezeMap(map);
        }
        throw new IllegalArgumentException(
                "catalog data values must be strings, numbers, booleans, lists or maps, not " + value.getClass());
    }
}
