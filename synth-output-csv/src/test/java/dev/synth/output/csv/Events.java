package dev.synth.output.csv;

import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import java.util.List;
import java.util.Map;

/** Test events. */
final class Events {
    /** 2000-01-01T00:00:00Z in epoch microseconds. */
    static final long Y2K = 946_684_800_000_000L;
    static final long HOUR = 3_600_000_000L;

    private Events() {
    }

    static LogEvent identify(String user, long micros) {
        return new LogEvent(user, "8734840059487214415", micros, true, "identify", Block.CORE,
                Props.of("action", "register"), 72907, 67479);
    }

    static LogEvent page(String user, long micros, String title) {
        return new LogEvent(user, "-7074033987701827784", micros, false, "page", Block.CORE,
                Props.of("path", "/a/b", "title", title, "duration", 12.5), 1000, 99999);
    }

    static LogEvent item(String user, long micros) {
        return new LogEvent(user, "3018592101548617561", micros, true, "item", Block.ECOMMERCE,
                Props.of("action", "impression",
                        "item", Props.of("id", "dae9e730-ef3a-4f0a-ab97-caff386fd07e", "type", "medical_equipment",
                                "quantity", 1, "price", 20.25, "currency", "USD", "stock_status", "low_stock"),
                        "usd_rate", 1.0),
                39121, 95458);
    }

    static LogEvent nudgeResponse(String user, long micros, Object nudgeId) {
        return new LogEvent(user, "42", micros, true, "nudge_response", Block.CORE,
                Props.of("nudge_id", nudgeId, "type", "push_notification", "response", Props.of("action", "open")),
                5000, 6000);
    }

    /** A nudge response the simulation made up (marked {@link LogEvent#fake()}), as users do with nudges on. */
    static LogEvent fakeNudgeResponse(String user, long micros, long nudgeId) {
        return new LogEvent(user, "42", micros, true, "nudge_response", Block.CORE,
                Props.of("nudge_id", nudgeId, "type", "push_notification", "response", Props.of("action", "open")),
                5000, 6000, true);
    }

    static LogEvent withProps(String type, Map<String, Object> props) {
        return new LogEvent("u", "d", Y2K, true, type, Block.CORE, props, 1000, 1000);
    }

    static CatalogEvent video(long micros) {
        return new CatalogEvent(micros, CatalogType.MEDIA_VIDEO,
                Props.of("uuid", "5298e0c3-118e-4f8f-acbb-b94ad0eca83b", "media_type", "video", "name",
                        "Too their act serious him.", "lang", "en", "length", 1326334.0, "resolution", "480"));
    }

    static CatalogEvent milestone(long micros, String name) {
        return new CatalogEvent(micros, CatalogType.MILESTONE,
                Props.of("uuid", "adae4a45-aa9e-4dc3-8e61-f7dddb75ae49", "name", name, "required_score", 379.6875));
    }

    /** One simulated step's output. */
    record Step(List<LogEvent> log, List<CatalogEvent> catalog) {
    }
}
