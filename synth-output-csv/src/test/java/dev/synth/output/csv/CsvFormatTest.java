package dev.synth.output.csv;

import static dev.synth.output.csv.Events.Y2K;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CsvFormat")
class CsvFormatTest {
    private final CsvFormat format = new CsvFormat();

    @Test
    @DisplayName("the header rows name the reference's columns in its order")
    void headers() {
        assertThat(CsvFormat.LOG_HEADER).isEqualTo("u_id,d_id,os,ol,ts,type,ip,up,dn,block,props\r\n");
        assertThat(CsvFormat.CATALOG_HEADER).isEqualTo("ts,subject_type,data\r\n");
    }

    @Test
    @DisplayName("a log row has u_id, d_id, android, true, the UTC timestamp, type, 0.0.0.0, up, dn, block and JSON props")
    void logRowFields() {
        String row = format.logRow(Events.identify("one_time-16886949", Y2K));

        assertThat(row).isEqualTo("one_time-16886949,8734840059487214415,android,true,2000-01-01T00:00:00.000000Z,"
                + "identify,0.0.0.0,72907,67479,core,\"{\"\"action\"\":\"\"register\"\"}\"\r\n");
    }

    @Test
    @DisplayName("an offline event has ol false and a block's wire name")
    void offlineAndBlock() {
        LogEvent e = new LogEvent("u", "d", Y2K + 1, false, "item", Block.ECOMMERCE, Props.of(), 1000, 99999);

        assertThat(format.logRow(e)).isEqualTo(
                "u,d,android,false,2000-01-01T00:00:00.000001Z,item,0.0.0.0,1000,99999,e-commerce,{}\r\n");
    }

    @Test
    @DisplayName("props are compact JSON in map order: nested objects, lists, doubles as 1.0 and 246.0, booleans, null")
    void propsJson() {
        LinkedHashMap<String, Object> props = new LinkedHashMap<>();
        props.put("z", 1.0);
        props.put("a", 246.0);
        props.put("price", 20.25);
        props.put("big", 1.0E7);
        props.put("n", 7);
        props.put("id", -9_000_000_000_000_000_000L);
        props.put("ok", true);
        props.put("no", false);
        props.put("none", null);
        props.put("list", List.of(Props.of("id", "x", "type", "drug"), 2, "s"));
        props.put("empty", List.of());
        props.put("map", Props.of("action", "open"));

        String json = json(format.logRow(Events.withProps("t", Props.wrap(props))));

        assertThat(json).isEqualTo("{\"z\":1.0,\"a\":246.0,\"price\":20.25,\"big\":1.0E7,\"n\":7,"
                + "\"id\":-9000000000000000000,\"ok\":true,\"no\":false,\"none\":null,"
                + "\"list\":[{\"id\":\"x\",\"type\":\"drug\"},2,\"s\"],\"empty\":[],\"map\":{\"action\":\"open\"}}");
    }

    @Test
    @DisplayName("commas, quotes and newlines in props stay inside one quoted field with doubled quotes")
    void quotingInProps() {
        LogEvent e = Events.withProps("page", Props.of("title", "a, \"b\"\r\nc"));

        String row = format.logRow(e);

        assertThat(row).endsWith(",core,\"{\"\"title\"\":\"\"a, \\\"\"b\\\"\"\\r\\nc\"\"}\"\r\n");
        assertThat(json(row)).isEqualTo("{\"title\":\"a, \\\"b\\\"\\r\\nc\"}");
    }

    @Test
    @DisplayName("a plain field with a comma, quote, CR or LF is quoted; others are not")
    void quotingPlainFields() {
        LogEvent e = new LogEvent("a,b", "say \"hi\"", Y2K, true, "line\nbreak", Block.CORE, Props.of(), 1, -1);

        assertThat(format.logRow(e)).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",android,true,"
                + "2000-01-01T00:00:00.000000Z,\"line\nbreak\",0.0.0.0,1,-1,core,{}\r\n");
        LogEvent cr = new LogEvent("cr\r", "plain", Y2K, true, "t", Block.CORE, Props.of(), 1, 1);
        assertThat(format.logRow(cr)).startsWith("\"cr\r\",plain,");
    }

    @Test
    @DisplayName("non-ASCII text is written as UTF-8, in fields and in JSON")
    void utf8() {
        LogEvent e = new LogEvent("üser", "d", Y2K, true, "t", Block.CORE, Props.of("q", "日本 😀 é"), 1, 1);

        assertThat(format.logRow(e)).startsWith("üser,").contains("\"\"q\"\":\"\"日本 😀 é\"\"");
    }

    @Test
    @DisplayName("a catalog row has ts, subject_type media for a media_video entry, and JSON data")
    void catalogRow() {
        String row = format.catalogRow(Events.video(Y2K));

        assertThat(row).isEqualTo("2000-01-01T00:00:00.000000Z,media,\"{\"\"uuid\"\":"
                + "\"\"5298e0c3-118e-4f8f-acbb-b94ad0eca83b\"\",\"\"media_type\"\":\"\"video\"\",\"\"name\"\":"
                + "\"\"Too their act serious him.\"\",\"\"lang\"\":\"\"en\"\",\"\"length\"\":1326334.0,"
                + "\"\"resolution\"\":\"\"480\"\"}\"\r\n");
    }

    @Test
    @DisplayName("a non-media catalog entry has its type name as subject_type")
    void catalogSubjectType() {
        CatalogEvent e = new CatalogEvent(Y2K, CatalogType.MEDICAL_EQUIPMENT, Props.of("uuid", "x"));

        assertThat(format.catalogRow(e)).startsWith("2000-01-01T00:00:00.000000Z,medical_equipment,");
    }

    @Test
    @DisplayName("enums, UUIDs, Instants, arrays, BigDecimals and floats are written as JSON values")
    void otherValueTypes() {
        LogEvent e = Events.withProps("t", Props.of("day", java.time.DayOfWeek.MONDAY,
                "uuid", java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"),
                "at", Instant.parse("2000-01-02T03:04:05.678901Z"), "array", new Object[] {1, "a"},
                "money", new BigDecimal("12.50"), "f", 0.5f, "set", new java.util.LinkedHashSet<>(List.of(3, 4))));

        assertThat(json(format.logRow(e))).isEqualTo("{\"day\":\"MONDAY\","
                + "\"uuid\":\"00000000-0000-0000-0000-000000000001\",\"at\":\"2000-01-02T03:04:05.678901Z\","
                + "\"array\":[1,\"a\"],\"money\":12.50,\"f\":0.5,\"set\":[3,4]}");
    }

    @Test
    @DisplayName("a props value that is not a JSON value is refused naming its key and type, and the format stays usable")
    void unsupportedValue() {
        LogEvent bad = Events.withProps("t", Props.of("ok", 1, "nested", Props.of("thread", new Object())));

        assertThatThrownBy(() -> format.logRow(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'thread'")
                .hasMessageContaining("java.lang.Object");
        assertThat(format.logRow(Events.identify("u", Y2K))).endsWith("\"{\"\"action\"\":\"\"register\"\"}\"\r\n");
    }

    @Test
    @DisplayName("consecutive rows share nothing: no separator or leftovers between their JSON objects")
    void consecutiveRows() throws Exception {
        OutBuffer out = new OutBuffer(16);
        format.writeLogRow(out, Events.identify("a", Y2K));
        format.writeLogRow(out, Events.identify("b", Y2K));

        String expected = "a,8734840059487214415,android,true,2000-01-01T00:00:00.000000Z,identify,0.0.0.0,"
                + "72907,67479,core,\"{\"\"action\"\":\"\"register\"\"}\"\r\n";
        assertThat(out.toString()).isEqualTo(expected + expected.replaceFirst("^a", "b"));
    }

    @Test
    @DisplayName("large fields and props, beyond any buffer size, are written whole")
    void largeValues() {
        char[] chars = new char[300_000];
        Arrays.fill(chars, '"');
        String quotes = new String(chars);
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(i);
        }
        LogEvent e = new LogEvent(quotes, "d", Y2K, true, "t", Block.CORE, Props.of("many", many), 1, 1);

        String row = format.logRow(e);

        assertThat(row).startsWith("\"" + quotes + quotes + "\",d,");
        assertThat(row).contains(",49999]}\"\r\n");
    }

    /** The props cell of a row, unquoted. */
    private static String json(String row) {
        int start = row.indexOf(",\"{");
        String quoted = row.substring(start + 1, row.length() - 2);
        assertThat(quoted).startsWith("\"").endsWith("\"");
        return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
    }
}
