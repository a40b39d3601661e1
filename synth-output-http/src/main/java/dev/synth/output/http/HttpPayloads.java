package dev.synth.output.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Renders events as the JSON the ingestion endpoints take (reference 5.1, 7.2): one log event as the
 * 11-column payload with {@code props} as an object and {@code ol} as a boolean; one catalog event as the
 * "backend data" object of its type. Output is compact UTF-8 JSON with keys in the order below.
 *
 * <p>JSON values accepted in {@code props} and catalog data are those the CSV sink accepts: strings, booleans,
 * {@code null}, numbers, maps (keys via {@code String.valueOf}), lists, other iterables, object arrays; other
 * {@code CharSequence}s, {@code Character}, enums ({@code toString()}), {@code UUID} and {@code Instant} (in
 * the {@code ts} format) are written as strings. Anything else is refused with an
 * {@link IllegalArgumentException} naming the key. Stateless and thread-safe.
 */
final class HttpPayloads {
    /** The catalog types the ingestion API accepts (reference 7.2); every other type is not sent. */
    static final List<CatalogType> SENT_TYPES = List.of(CatalogType.USER, CatalogType.DRUG, CatalogType.BLOOD,
            CatalogType.OXYGEN, CatalogType.MEDICAL_EQUIPMENT);

    /** user: {@code id} is the platform uuid, then these 12 fields, all as strings. */
    private static final List<String> USER_FIELDS = List.of("name", "country", "region_state", "city", "workplace",
            "timezone", "profession", "zipcode", "language", "experience", "education_level", "organization");
    /** drug, after {@code id} and {@code name} (= drug_name). */
    private static final List<String> DRUG_FIELDS = List.of("market_id", "description", "supplier_id",
            "supplier_name", "active_ingredients", "producer", "packaging", "drug_name", "drug_form",
            "drug_strength", "atc_anatomical_group", "otc_or_ethical");
    private static final List<String> BLOOD_FIELDS = List.of("market_id", "blood_component", "blood_group",
            "packaging", "packaging_size", "packaging_units", "supplier_id", "supplier_name");
    private static final List<String> OXYGEN_FIELDS = List.of("market_id", "packaging", "packaging_size",
            "packaging_units", "supplier_id", "supplier_name");
    private static final List<String> EQUIPMENT_FIELDS = List.of("name", "description", "market_id", "supplier_id",
            "supplier_name", "producer", "packaging", "packaging_size", "packaging_units", "category");
    private static final int MAX_DEPTH = 1000;

    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** Whether catalog events of this type are sent at all. */
    static boolean isSent(CatalogType type) {
        return SENT_TYPES.contains(type);
    }

    /** The 11-column payload of one log event. */
    byte[] log(LogEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("u_id", e.userId());
            g.writeStringField("d_id", e.deviceId());
            g.writeStringField("os", LogEvent.OS);
            g.writeBooleanField("ol", e.online());
            g.writeStringField("ts", Timestamps.format(e.timeMicros()));
            g.writeStringField("type", e.type());
            g.writeStringField("ip", LogEvent.IP);
            g.writeNumberField("up", e.up());
            g.writeNumberField("dn", e.dn());
            g.writeStringField("block", e.block().wireName());
            g.writeFieldName("props");
            writeObject(g, e.props(), 1);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // writing to memory: cannot happen
        }
        return out.toByteArray();
    }

    /** The backend data object of a catalog event, or empty when its type is not sent. */
    Optional<byte[]> catalog(CatalogEvent e) {
        if (!isSent(e.type())) {
            return Optional.empty();
        }
        Map<String, Object> d = e.data();
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            switch (e.type()) {
                case USER -> {
                    writeString(g, "id", d.get("platform_uuid"));
                    for (String f : USER_FIELDS) {
                        writeString(g, f, d.get(f));
                    }
                }
                case DRUG -> {
                    writeField(g, "id", d.get("uuid"));
                    writeField(g, "name", d.get("drug_name"));
                    // active_ingredients stays a JSON list (reference 10.1 #37 sent its Python repr as a string)
                    writeFields(g, d, DRUG_FIELDS);
                }
                case BLOOD -> {
                    writeField(g, "id", d.get("uuid"));
                    writeFields(g, d, BLOOD_FIELDS);
                }
                case OXYGEN -> {
                    writeField(g, "id", d.get("uuid"));
                    writeFields(g, d, OXYGEN_FIELDS);
                }
                case MEDICAL_EQUIPMENT -> {
                    writeField(g, "id", d.get("uuid"));
                    writeFields(g, d, EQUIPMENT_FIELDS);
                }
                default -> throw new IllegalStateException("not a sent type: " + e.type());
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return Optional.of(out.toByteArray());
    }

    private static void writeFields(JsonGenerator g, Map<String, Object> data, List<String> fields)
            throws IOException {
        for (String f : fields) {
            Object v = data.get(f);
            if ("packaging_size".equals(f)) {
                v = asDouble(v);
            }
            writeField(g, f, v);
        }
    }

    /** {@code packaging_size} is a float in the backend data; the catalog keeps it as a numeric string. */
    private static Object asDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof CharSequence s) {
            try {
                return Double.parseDouble(s.toString().trim());
            } catch (NumberFormatException notANumber) {
                return v; // sent as it is: the endpoint decides
            }
        }
        return v;
    }

    private static void writeString(JsonGenerator g, String name, Object v) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v instanceof Instant t ? Timestamps.format(Micros.of(t)) : v.toString());
        }
    }

    private static void writeField(JsonGenerator g, String name, Object v) throws IOException {
        g.writeFieldName(name);
        writeValue(g, name, v, 1);
    }

    private static void writeObject(JsonGenerator g, Map<?, ?> map, int depth) throws IOException {
        g.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            String name = key instanceof String k ? k : String.valueOf(key);
            g.writeFieldName(name);
            writeValue(g, name, entry.getValue(), depth);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, String key, Object v, int depth) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
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
            writeObject(g, m, deeper(depth, key));
        } else if (v instanceof Iterable<?> items) {
            int inner = deeper(depth, key);
            g.writeStartArray();
            for (Object item : items) {
                writeValue(g, key, item, inner);
            }
            g.writeEndArray();
        } else if (v instanceof Object[] array) {
            int inner = deeper(depth, key);
            g.writeStartArray();
            for (Object item : array) {
                writeValue(g, key, item, inner);
            }
            g.writeEndArray();
        } else if (v instanceof Float f) {
            g.writeNumber(f.floatValue());
        } else if (v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
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

    private static int deeper(int depth, String key) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("value of '" + key + "' is nested more than " + MAX_DEPTH
                    + " levels deep: does a map or list contain itself?");
        }
        return depth + 1;
    }
}
