package dev.synth.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.StateStoreException;
import dev.synth.event.CatalogType;
import dev.synth.spi.CatalogRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CatalogItem")
class CatalogItemTest {

    private static CatalogItem question() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("exam_uuid", "e-1");
        d.put("uuid", "q-1");
        d.put("correct_answer_uuid", "a-1");
        d.put("wrong_answer_uuids", List.of("w-1", "w-2", "w-3", "w-4"));
        return CatalogItem.of(CatalogType.QUESTION, d);
    }

    private static CatalogItem drug() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "drug");
        d.put("uuid", "d-1");
        d.put("item_price", 12.5);
        d.put("currency", "USD");
        d.put("drug_name", "Zoë Ångström");
        d.put("active_ingredients", List.of("allopurinol"));
        d.put("market_id", "1234");
        return CatalogItem.of(CatalogType.DRUG, d);
    }

    @Test
    @DisplayName("serialises its fields in insertion order")
    void jsonKeepsOrder() {
        assertThat(question().toJson()).isEqualTo("{\"exam_uuid\":\"e-1\",\"uuid\":\"q-1\",\"correct_answer_uuid\":"
                + "\"a-1\",\"wrong_answer_uuids\":[\"w-1\",\"w-2\",\"w-3\",\"w-4\"]}");
    }

    @Test
    @DisplayName("escapes non-ASCII characters in JSON, as the reference does")
    void jsonEscapesNonAscii() {
        assertThat(drug().toJson()).contains("\"drug_name\":\"Zo\\u00EB \\u00C5ngstr\\u00F6m\"").matches("\\p{ASCII}*");
    }

    @Test
    @DisplayName("round-trips through CatalogRecord with the same order, values and value types")
    void recordRoundTrip() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("uuid", "m-1");
        d.put("media_type", "audio");
        d.put("length", 43_200_000.0);
        d.put("whole_double", 50.0);
        d.put("duration", 1800);
        d.put("big", 12_345_678_901L);
        d.put("availability", true);
        d.put("nested", Map.of("k", 1));
        d.put("nothing", null);
        CatalogItem item = CatalogItem.of(CatalogType.MEDIA_AUDIO, d);

        CatalogRecord record = item.toRecord();
        CatalogItem back = CatalogItem.fromRecord(record);

        assertThat(record.type()).isEqualTo(CatalogType.MEDIA_AUDIO);
        assertThat(record.uuid()).isEqualTo("m-1");
        assertThat(back).isEqualTo(item);
        assertThat(back.data().keySet()).containsExactlyElementsOf(d.keySet());
        assertThat(back.data().get("length")).isInstanceOf(Double.class).isEqualTo(43_200_000.0);
        assertThat(back.data().get("whole_double")).isInstanceOf(Double.class).isEqualTo(50.0);
        assertThat(back.data().get("duration")).isInstanceOf(Integer.class).isEqualTo(1800);
        assertThat(back.data().get("big")).isEqualTo(12_345_678_901L);
        assertThat(back.toJson()).isEqualTo(item.toJson());
    }

    @Test
    @DisplayName("keeps an unmodifiable deep copy of its data")
    void immutable() {
        List<String> wrong = new ArrayList<>(List.of("w"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("uuid", "q");
        d.put("wrong_answer_uuids", wrong);
        CatalogItem item = CatalogItem.of(CatalogType.QUESTION, d);
        d.put("extra", 1);
        wrong.add("x");

        assertThat(item.data()).doesNotContainKey("extra");
        assertThat(item.wrongAnswerUuids()).containsExactly("w");
        assertThatThrownBy(() -> item.data().put("a", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> item.wrongAnswerUuids().add("y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("typed accessors read the model's fields")
    void accessors() {
        CatalogItem q = question();
        assertThat(q.examUuid()).isEqualTo("e-1");
        assertThat(q.correctAnswerUuid()).isEqualTo("a-1");
        assertThat(q.wrongAnswerUuids()).hasSize(4);
        assertThat(drug().price()).isEqualTo(12.5);

        Map<String, Object> e = new LinkedHashMap<>();
        e.put("uuid", "s");
        e.put("type", "module");
        e.put("price", 3.25);
        assertThat(CatalogItem.of(CatalogType.ELEARNING_SHOP_ITEM, e).price()).isEqualTo(3.25);
    }

    @Test
    @DisplayName("a missing field fails with a message naming the entry and the field")
    void missingField() {
        assertThatThrownBy(() -> question().price())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("question q-1")
                .hasMessageContaining("price");
    }

    @Test
    @DisplayName("refuses a uuid that differs from data.uuid, and unreadable records")
    void validation() {
        assertThatThrownBy(() -> new CatalogItem(CatalogType.PAGE, "a", Map.of("uuid", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogItem.fromRecord(new CatalogRecord(CatalogType.PAGE, "a", "[1]")))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("page a");
    }
}
