package dev.synth.output.http;

import dev.synth.event.CatalogType;
import dev.synth.event.CatalogEvent;
import dev.synth.event.JsonBuffer;
import dev.synth.event.JsonValues;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders events as the JSON the ingestion endpoints take (reference 5.1, 7.2): one log event as the
 * 11-column payload with {@code props} as an object and {@code ol} as a boolean; one catalog event as the
 * "backend data" object of its type. Output is compact UTF-8 JSON with keys in the order below.
 *
 * <p>Values in {@code props} and catalog data follow the JSON value rules every output shares
 * ({@link JsonValues}); a value that is not a JSON value is refused with an {@link IllegalArgumentException}
 * naming the key. Stateless and thread-safe.
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

    /** Whether catalog events of this type are sent at all. */
    static boolean isSent(CatalogType type) {
        return SENT_TYPES.contains(type);
    }

    /** The 11-column payload of one log event. */
    byte[] log(LogEvent e) {
        JsonBuffer g = new JsonBuffer(256);
        g.put((byte) '{');
        field(g, "u_id", true);
        g.putJsonString(e.userId());
        field(g, "d_id", false);
        g.putJsonString(e.deviceId());
        field(g, "os", false);
        g.putJsonString(LogEvent.OS);
        field(g, "ol", false);
        g.putChars(e.online() ? "true" : "false");
        field(g, "ts", false);
        g.putTimestamp(e.timeMicros());
        field(g, "type", false);
        g.putJsonString(e.type());
        field(g, "ip", false);
        g.putJsonString(LogEvent.IP);
        field(g, "up", false);
        g.putInt(e.up());
        field(g, "dn", false);
        g.putInt(e.dn());
        field(g, "block", false);
        g.putJsonString(e.block().wireName());
        field(g, "props", false);
        g.writeObject(e.props());
        g.put((byte) '}');
        return g.toByteArray();
    }

    /** The backend data object of a catalog event, or empty when its type is not sent. */
    Optional<byte[]> catalog(CatalogEvent e) {
        if (!isSent(e.type())) {
            return Optional.empty();
        }
        Map<String, Object> d = e.data();
        JsonBuffer g = new JsonBuffer(512);
        g.put((byte) '{');
        switch (e.type()) {
            case USER -> {
                writeString(g, "id", d.get("platform_uuid"), true);
                for (String f : USER_FIELDS) {
                    writeString(g, f, d.get(f), false);
                }
            }
            case DRUG -> {
                writeField(g, "id", d.get("uuid"), true);
                writeField(g, "name", d.get("drug_name"), false);
                // active_ingredients stays a JSON list (reference 10.1 #37 sent its Python repr as a string)
                writeFields(g, d, DRUG_FIELDS);
            }
            case BLOOD -> {
                writeField(g, "id", d.get("uuid"), true);
                writeFields(g, d, BLOOD_FIELDS);
            }
            case OXYGEN -> {
                writeField(g, "id", d.get("uuid"), true);
                writeFields(g, d, OXYGEN_FIELDS);
            }
            case MEDICAL_EQUIPMENT -> {
                writeField(g, "id", d.get("uuid"), true);
                writeFields(g, d, EQUIPMENT_FIELDS);
            }
            default -> throw new IllegalStateException("not a sent type: " + e.type());
        }
        g.put((byte) '}');
        return Optional.of(g.toByteArray());
    }

    private static void field(JsonBuffer g, String name, boolean first) {
        if (!first) {
            g.put((byte) ',');
        }
        g.putJsonString(name);
        g.put((byte) ':');
    }

    private static void writeFields(JsonBuffer g, Map<String, Object> data, List<String> fields) {
        for (String f : fields) {
            Object v = data.get(f);
            if ("packaging_size".equals(f)) {
                v = asDouble(v);
            }
            writeField(g, f, v, false);
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

    private static void writeString(JsonBuffer g, String name, Object v, boolean first) {
        field(g, name, first);
        if (v == null) {
            g.putChars("null");
        } else {
            g.putJsonString(v instanceof Instant t ? Timestamps.format(Micros.of(t)) : v.toString());
        }
    }

    private static void writeField(JsonBuffer g, String name, Object v, boolean first) {
        field(g, name, first);
        try {
            JsonValues.writeValue(g, name, v);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // in memory: cannot happen
        }
    }
}
