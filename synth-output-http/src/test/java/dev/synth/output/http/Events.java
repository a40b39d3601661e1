package dev.synth.output.http;

import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test events. */
final class Events {
    /** 2000-01-01T00:00:00Z in epoch microseconds. */
    static final long Y2K = 946_684_800_000_000L;

    private Events() {
    }

    static LogEvent page(String user, long micros, String title) {
        return new LogEvent(user, "-7074033987701827784", micros, false, "page", Block.CORE,
                Props.of("path", "/a/b", "title", title, "duration", 12.5), 1000, 99999);
    }

    /** {@code count} page events of user {@code u<i>}, one second apart. */
    static List<LogEvent> pages(int from, int count) {
        List<LogEvent> events = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            events.add(page("u" + i, Y2K + i * 1_000_000L, "page " + i));
        }
        return events;
    }

    /** As the reference's user catalog test: email is not part of the backend data. */
    static CatalogEvent user(String platformUuid) {
        Map<String, Object> d = Props.of("platform_uuid", platformUuid, "email", "johnny@example.com", "name", "johnny",
                "country", "ZA", "timezone", "+0200", "region_state", "region_state", "city", "city", "language", "xy",
                "zipcode", "08036", "profession", "profession", "workplace", "workplace", "experience", "none",
                "organization", "acme", "education_level", "masters");
        return new CatalogEvent(Y2K, CatalogType.USER, d);
    }

    static CatalogEvent drug(String uuid) {
        Map<String, Object> d = Props.of("type", "drug", "uuid", uuid, "item_price", 12.345, "currency", "USD",
                "drug_name", "Paracetamol", "active_ingredients", List.of("acetaminophen", "starch"),
                "drug_form", "Gel", "drug_strength", "500 mg", "atc_anatomical_group", "N02",
                "packaging", "box of 20", "producer", "Acme Pharma", "otc_or_ethical", "OTC", "market_id", "4242",
                "description", "Pain relief.", "supplier_name", "Supplies Ltd", "supplier_id", "777");
        return new CatalogEvent(Y2K, CatalogType.DRUG, d);
    }

    static CatalogEvent blood(String uuid) {
        return new CatalogEvent(Y2K, CatalogType.BLOOD, Props.of("type", "blood", "uuid", uuid, "market_id", "1001",
                "blood_component", "Platelets", "blood_group", "O-", "packaging", "pint", "packaging_size", "1",
                "packaging_units", "pints", "supplier_id", "Sid.", "supplier_name", "Sname.", "item_price", 3.5,
                "currency", "USD"));
    }

    static CatalogEvent oxygen(String uuid) {
        return new CatalogEvent(Y2K, CatalogType.OXYGEN, Props.of("type", "oxygen", "uuid", uuid, "market_id", "1002",
                "packaging", "cylinder", "packaging_size", "1.5", "packaging_units", "cubic_meters", "supplier_id",
                "Sid.", "supplier_name", "Sname.", "item_price", 7.0, "currency", "USD"));
    }

    static CatalogEvent equipment(String uuid) {
        return new CatalogEvent(Y2K, CatalogType.MEDICAL_EQUIPMENT, Props.of("type", "medical_equipment", "uuid", uuid,
                "name", "Surgical Gloves", "description", "Gloves.", "market_id", "1003", "supplier_id", "Sid.",
                "supplier_name", "Sname.", "producer", "Prod.", "packaging", "carton", "packaging_size", "100",
                "packaging_units", "units", "category", "gloves", "item_price", 1.25, "currency", "USD"));
    }

    static CatalogEvent page(String uuid) {
        return new CatalogEvent(Y2K, CatalogType.PAGE, Props.of("uuid", uuid, "path", "/p", "title", "P"));
    }
}
