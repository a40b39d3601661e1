package dev.synth.output.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.event.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

@Label("CsvFormat properties")
class CsvFormatPropertyTest {
    private static final JsonFactory JACKSON = new JsonFactoryBuilder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private final CsvFormat format = new CsvFormat();

    @Property(tries = 2000)
    @Label("props JSON is byte for byte what Jackson's JsonGenerator writes, with its quotes doubled")
    void jsonAsJackson(@ForAll("objects") Map<String, Object> props) throws IOException {
        String row = format.logRow(new LogEvent("u", "d", 0, true, "t", Block.CORE, props, 1, 1));

        String cell = Csv.parseRecord(row).get(10);
        assertThat(cell).isEqualTo(props.isEmpty() ? "{}" : jackson(props));
    }

    @Property(tries = 5000)
    @Label("any double is written as Jackson writes it")
    void doublesAsJackson(@ForAll("doubles") double d) throws IOException {
        String row = format.logRow(Events.withProps("t", Props.of("d", d)));

        assertThat(Csv.parseRecord(row).get(10)).isEqualTo(jackson(Props.of("d", d)));
        if (Double.isFinite(d)) {
            assertThat(Csv.parseRecord(row).get(10)).isEqualTo("{\"d\":" + NumberOutput.toString(d, true) + "}");
        }
    }

    @Property(tries = 3000)
    @Label("timestamps, in any order, are formatted as Timestamps.format formats them")
    void timestampsAsCore(@ForAll("timeSequences") List<Long> times) {
        for (long micros : times) {
            String row = format.catalogRow(new CatalogEvent(micros, CatalogType.PAGE, Props.of()));

            assertThat(row).isEqualTo(Timestamps.format(micros) + ",page,{}\r\n");
        }
    }

    @Property(tries = 2000)
    @Label("any text in u_id, d_id and type reads back unchanged from the CSV row")
    void fieldsRoundTrip(@ForAll("texts") String user, @ForAll("texts") String device, @ForAll("texts") String type) {
        LogEvent e = new LogEvent(user, device, Events.Y2K, false, type, Block.PAYMENT, Props.of(), 1000, 99_999);

        List<String> fields = Csv.parseRecord(format.logRow(e));

        assertThat(fields).containsExactly(user, device, "android", "false", "2000-01-01T00:00:00.000000Z", type,
                "0.0.0.0", "1000", "99999", "payment", "{}");
    }

    // ---- generators -------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> chars = Arbitraries.strings()
                .withCharRange('a', 'e')
                .withChars(',', '"', '\r', '\n', ' ', '\\', '\t', '\u0001', '\u007f', 'é', '€', '日')
                .ofMaxLength(12);
        // supplementary characters come whole: a lone surrogate is not text (it is written as '?')
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, chars),
                net.jqwik.api.Tuple.of(1, chars.map(s -> s + "😀" + s)));
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return object(3);
    }

    private Arbitrary<Map<String, Object>> object(int depth) {
        Arbitrary<Object> values = depth == 0 ? leaves() : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, leaves()),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1)).map(m -> (Object) m)),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> list(depth - 1)).map(l -> (Object) l)));
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of("action", "id", "type", "price", "item")),
                net.jqwik.api.Tuple.of(1, jsonStrings()));
        return Arbitraries.maps(keys, values).ofMaxSize(5).map(m -> Props.wrap(new LinkedHashMap<>(m)));
    }

    private Arbitrary<List<Object>> list(int depth) {
        Arbitrary<Object> values = depth == 0 ? leaves() : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, leaves()),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1)).map(m -> (Object) m)));
        return values.list().ofMaxSize(4).map(l -> new ArrayList<Object>(l));
    }

    private Arbitrary<Object> leaves() {
        return Arbitraries.oneOf(
                jsonStrings().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                doubles().map(d -> (Object) d),
                Arbitraries.floats().map(f -> (Object) f),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null),
                Arbitraries.bigIntegers().map(b -> (Object) b),
                Arbitraries.bigDecimals().ofScale(3).map(b -> (Object) b));
    }

    /** Any chars, lone surrogates and control characters included: JSON escapes what needs escaping. */
    private Arbitrary<String> jsonStrings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ascii().ofMaxLength(10)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(10)),
                net.jqwik.api.Tuple.of(1, texts()));
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .withSpecialValue(Double.NEGATIVE_INFINITY).withSpecialValue(-0.0)
                        .withSpecialValue(Double.MIN_VALUE),
                // money and whole numbers: the fast path, near its edges too
                Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L).map(k -> k / 100.0),
                Arbitraries.longs().between(-10_000_000L, 10_000_000L).map(k -> (double) k),
                Arbitraries.of(0.0, 0.01, 0.001, 0.1, 0.29, 1.0, 1e7, 9_999_999.99, 9_999_999.995, 1e7 - 1e-9,
                        -9_999_999.99, 1e-3, 0.005, 100.0, 246.0, 1326334.0, 69.43692734723167),
                Arbitraries.doubles().between(-1e8, 1e8).ofScale(4),
                Arbitraries.longs().map(Double::longBitsToDouble));
    }

    @Provide
    Arbitrary<List<Long>> timeSequences() {
        Arbitrary<Long> near = Arbitraries.longs().between(-5 * Micros.PER_DAY, 5 * Micros.PER_DAY)
                .map(d -> Events.Y2K + d);
        Arbitrary<Long> dayEdges = Arbitraries.longs().between(-40_000, 400_000)
                .flatMap(day -> Arbitraries.of(-1L, 0L, 1L).map(off -> day * Micros.PER_DAY + off));
        Arbitrary<Long> far = Arbitraries.longs().between(-Long.MAX_VALUE / 2 - 1000, Long.MAX_VALUE / 2 + 1000);
        return Arbitraries.oneOf(near, dayEdges, far, Arbitraries.longs()).list().ofMinSize(1).ofMaxSize(8);
    }

    // ---- the reference: Jackson's generator ----------------------------------------------------------------

    private static String jackson(Map<String, Object> props) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JACKSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            write(g, props);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object item : l) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v == null) {
            g.writeNull();
        } else {
            throw new IllegalArgumentException(v.getClass().getName());
        }
    }
}
