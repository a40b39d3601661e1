package dev.synth.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.EventJson;
import dev.synth.event.JsonBuffer;
import dev.synth.event.LogEvent;
import dev.synth.output.csv.CsvRows;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EventEncoder: CSV rows for the files, the kafka sink's JSON objects for Kafka")
class EventEncoderTest {
    private static final long TIME = 1_577_837_713_873_687L; // 2020-01-01T00:15:13.873687Z

    private static LogEvent log(boolean fake) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("action", "register");
        props.put("count", 3);
        props.put("text", "\"quoted\", ünïcode\n");
        props.put("list", List.of(1, "two"));
        return new LogEvent("user-1", "device-1", TIME, true, "identify", Block.CORE, props, 96371, 33712, fake);
    }

    private static CatalogEvent catalog() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uuid", "entry-7");
        data.put("title", "a, \"title\"");
        data.put("duration", 12.5);
        return new CatalogEvent(TIME, CatalogType.MEDIA_VIDEO, data);
    }

    /** What {@code KafkaEventSink} writes: {@link EventJson} into a {@link JsonBuffer}, no line end. */
    private static byte[] json(LogEvent e) {
        JsonBuffer b = new JsonBuffer(16);
        EventJson.writeLog(b, e);
        return b.toByteArray();
    }

    private static byte[] json(CatalogEvent e) {
        JsonBuffer b = new JsonBuffer(16);
        EventJson.writeCatalog(b, e);
        return b.toByteArray();
    }

    @Test
    @DisplayName("a log event's Kafka value is EventJson's bytes, its row the CSV sink's, keyed by the user id")
    void logEvent() {
        LogEvent e = log(false);
        EncodedEvent encoded = new EventEncoder(true, true, false).log(e);
        assertThat(encoded.catalog).isFalse();
        assertThat(encoded.value).isEqualTo(json(e));
        assertThat(new String(encoded.value, StandardCharsets.UTF_8)).isEqualTo(EventJson.log(e))
                .startsWith("{\"ts\":\"2020-01-01T00:15:13.873687Z\",\"type\":\"identify\",\"u_id\":\"user-1\"")
                .endsWith("}");
        assertThat(encoded.row).isEqualTo(new CsvRows().logRow(e));
        assertThat(encoded.key).isEqualTo("user-1");
        assertThat(encoded.timeMillis).isEqualTo(1_577_837_713_873L);
    }

    @Test
    @DisplayName("a catalog event's Kafka value is EventJson's bytes, keyed <subject_type>:<uuid>")
    void catalogEvent() {
        CatalogEvent e = catalog();
        EncodedEvent encoded = new EventEncoder(true, true, false).catalog(e);
        assertThat(encoded.catalog).isTrue();
        assertThat(encoded.value).isEqualTo(json(e));
        assertThat(new String(encoded.value, StandardCharsets.UTF_8))
                .startsWith("{\"ts\":\"2020-01-01T00:15:13.873687Z\",\"subject_type\":\"media\",\"data\":{");
        assertThat(encoded.row).isEqualTo(new CsvRows().catalogRow(e));
        assertThat(encoded.key).isEqualTo("media:entry-7").isEqualTo(e.key());
        assertThat(encoded.timeMillis).isEqualTo(1_577_837_713_873L);
    }

    @Test
    @DisplayName("one encoder gives each event its own bytes (the buffer is reused)")
    void bufferReused() {
        EventEncoder encoder = new EventEncoder(false, true, false);
        LogEvent first = log(false);
        CatalogEvent second = catalog();
        EncodedEvent a = encoder.log(first);
        EncodedEvent b = encoder.catalog(second);
        EncodedEvent c = encoder.log(first);
        assertThat(a.value).isEqualTo(json(first)).isEqualTo(c.value).isNotSameAs(c.value);
        assertThat(b.value).isEqualTo(json(second));
    }

    @Test
    @DisplayName("encodes only what the sinks need: no row without files, no value without Kafka")
    void onlyWhatTheSinksNeed() {
        EncodedEvent kafkaOnly = new EventEncoder(false, true, false).log(log(false));
        assertThat(kafkaOnly.row).isNull();
        assertThat(kafkaOnly.value).isNotNull();
        EncodedEvent filesOnly = new EventEncoder(true, false, false).catalog(catalog());
        assertThat(filesOnly.row).isNotNull();
        assertThat(filesOnly.value).isNull();
    }

    @Test
    @DisplayName("filter_log_events_for_csv drops a fake event from the CSV rows only, as the CSV and kafka sinks")
    void fakeEvents() {
        LogEvent fake = log(true);
        EncodedEvent both = new EventEncoder(true, true, true).log(fake);
        assertThat(both.row).isNull();
        assertThat(both.value).isEqualTo(json(fake));
        assertThat(new EventEncoder(true, false, true).log(fake)).as("nothing to write").isNull();
        assertThat(new EventEncoder(true, false, false).log(fake).row).isEqualTo(new CsvRows().logRow(fake));
        assertThat(new SynthJob.Rows(false).filter(both)).as("kept out of the files").isFalse();
        assertThat(new SynthJob.Rows(false).filter(new EventEncoder(true, true, true).log(log(false)))).isTrue();
    }

    @Test
    @DisplayName("Kafka records: value = the JSON object, key = UTF-8 key, timestamp = event time, topic by kind")
    void records() {
        Sinks.Records records = new Sinks.Records("p-log-events", "p-catalog-events");
        EventEncoder encoder = new EventEncoder(true, true, false);
        LogEvent l = log(false);
        ProducerRecord<byte[], byte[]> r = records.serialize(encoder.log(l), null, null);
        assertThat(r.topic()).isEqualTo("p-log-events");
        assertThat(r.key()).isEqualTo("user-1".getBytes(StandardCharsets.UTF_8));
        assertThat(r.value()).isEqualTo(json(l));
        assertThat(r.timestamp()).isEqualTo(1_577_837_713_873L);
        CatalogEvent c = catalog();
        r = records.serialize(encoder.catalog(c), null, null);
        assertThat(r.topic()).isEqualTo("p-catalog-events");
        assertThat(r.key()).isEqualTo("media:entry-7".getBytes(StandardCharsets.UTF_8));
        assertThat(r.value()).isEqualTo(json(c));
    }

    @Test
    @DisplayName("a catalog entry without uuid is keyed by platform_uuid, else by its subject type")
    void catalogKeys() {
        assertThat(new CatalogEvent(TIME, CatalogType.USER, Map.of("platform_uuid", "u-9")).key())
                .isEqualTo("user:u-9");
        assertThat(new CatalogEvent(TIME, CatalogType.PAGE, Map.of("name", "home")).key()).isEqualTo("page");
    }
}
