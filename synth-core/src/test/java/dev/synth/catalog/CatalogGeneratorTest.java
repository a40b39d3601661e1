package dev.synth.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.config.CatalogConfig;
import dev.synth.event.CatalogType;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CatalogGenerator")
class CatalogGeneratorTest {
    private static final FakeData FAKE = new FakeData();
    private final CatalogGenerator generator = new CatalogGenerator(new RandomStreams(11), FAKE);
    private final CatalogConfig defaults = CatalogConfig.defaults();

    private CatalogItem one(CatalogType type, int index) {
        List<CatalogItem> items = generator.generate(type, index, defaults);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    @DisplayName("shop items have the reference's fields in the reference's order")
    void shopItemFields() {
        assertThat(one(CatalogType.DRUG, 0).data().keySet()).containsExactly("type", "uuid", "item_price",
                "currency", "drug_name", "active_ingredients", "drug_form", "drug_strength", "atc_anatomical_group",
                "packaging", "producer", "otc_or_ethical", "market_id", "description", "supplier_name",
                "supplier_id");
        assertThat(one(CatalogType.BLOOD, 0).data().keySet()).containsExactly("type", "uuid", "market_id",
                "blood_component", "blood_group", "packaging", "packaging_size", "packaging_units", "supplier_id",
                "supplier_name", "item_price", "currency");
        assertThat(one(CatalogType.OXYGEN, 0).data().keySet()).containsExactly("type", "uuid", "market_id",
                "packaging", "packaging_size", "packaging_units", "supplier_id", "supplier_name", "item_price",
                "currency");
        assertThat(one(CatalogType.MEDICAL_EQUIPMENT, 0).data().keySet()).containsExactly("type", "uuid", "name",
                "description", "market_id", "supplier_id", "supplier_name", "producer", "packaging",
                "packaging_size", "packaging_units", "category", "item_price", "currency");
        assertThat(one(CatalogType.ELEARNING_SHOP_ITEM, 0).data()).containsKeys("uuid", "type", "name", "price",
                "currency", "availability");
    }

    @Test
    @DisplayName("shop item values follow reference 8.1")
    void shopItemValues() {
        Set<String> equipmentNames = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            CatalogItem drug = one(CatalogType.DRUG, i);
            assertThat(drug.data()).containsEntry("type", "drug").containsEntry("currency", "USD");
            assertThat(drug.price()).isBetween(0.0, 100.0);
            assertThat(drug.string("drug_form")).isIn("Gel", "Infus");
            assertThat(drug.string("otc_or_ethical")).isIn("Ethical", "OTC");
            assertThat(Integer.parseInt(drug.string("market_id"))).isBetween(1000, 100_000);
            assertThat(drug.strings("active_ingredients")).hasSize(1);

            CatalogItem blood = one(CatalogType.BLOOD, i);
            assertThat(blood.string("blood_group")).isIn("A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-", "Unsure");
            assertThat(blood.data()).containsEntry("packaging", "pint").containsEntry("packaging_size", "1");

            CatalogItem oxygen = one(CatalogType.OXYGEN, i);
            assertThat(oxygen.string("packaging_size"))
                    .isIn("0.5", "1", "1.5", "1.6", "2", "2.5", "5", "6", "7", "7.5", "8", "9", "10");

            CatalogItem equipment = one(CatalogType.MEDICAL_EQUIPMENT, i);
            equipmentNames.add(equipment.string("name") + "/" + equipment.string("category"));
            assertThat(equipment.string("packaging_size")).isIn("1", "8", "20", "25", "50", "100");
        }
        assertThat(equipmentNames).hasSize(18).contains("Syringe & Needle/needles", "Surgical Gloves/gloves",
                "Cannula 18g/cannula", "Adhesive Plaster 1\"/plasters", "Scalp Vein/cannula");
    }

    @Test
    @DisplayName("pages and media have the reference's fields, lengths and resolutions")
    void pagesAndMedia() {
        CatalogItem page = one(CatalogType.PAGE, 0);
        assertThat(page.data().keySet()).containsExactly("uuid", "path", "title");
        assertThat(page.path()).startsWith("http");

        for (int i = 0; i < 200; i++) {
            CatalogItem video = one(CatalogType.MEDIA_VIDEO, i);
            assertThat(video.data().keySet())
                    .containsExactly("uuid", "media_type", "name", "description", "lang", "length", "resolution");
            assertThat(video.mediaType()).isEqualTo("video");
            assertThat(video.data().get("length")).isInstanceOf(Double.class);
            assertThat(video.lengthMillis()).isBetween(10_000.0, 2_000_000.0);
            assertThat(video.string("resolution")).isIn("360", "480", "720", "1080");
            assertThat(video.string("lang")).isEqualTo("en");

            CatalogItem audio = one(CatalogType.MEDIA_AUDIO, i);
            assertThat(audio.mediaType()).isEqualTo("audio");
            assertThat(audio.lengthMillis()).isBetween(1_800_000.0, 43_200_000.0);
            assertThat(audio.lengthMillis() % 1000).isZero();
            assertThat(audio.string("resolution")).isIn("64", "96", "128");

            CatalogItem image = one(CatalogType.MEDIA_IMAGE, i);
            assertThat(image.mediaType()).isEqualTo("image");
            assertThat(image.lengthMillis()).isBetween(10.0, 2000.0);
        }
    }

    @Test
    @DisplayName("length ranges come from the properties and include both ends (D12)")
    void inclusiveRanges() {
        CatalogConfig audio = defaults.withProperty("length_min_seconds", 1).withProperty("length_max_seconds", 2);
        Set<Double> lengths = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            lengths.add(generator.generate(CatalogType.MEDIA_AUDIO, i, audio).get(0).lengthMillis());
        }
        assertThat(lengths).containsExactlyInAnyOrder(1000.0, 2000.0);

        CatalogConfig module = defaults.withProperty("length_min_seconds", 60).withProperty("length_max_seconds", 60);
        CatalogItem m = generator.generate(CatalogType.MODULE, 0, module).get(0);
        assertThat(m.data().keySet()).containsExactly("uuid", "name", "description", "duration");
        assertThat(m.durationSeconds()).isEqualTo(60.0);
    }

    @Test
    @DisplayName("an exam brings question_count questions linked by exam_uuid, each with four wrong answers")
    void examWithQuestions() {
        CatalogConfig exam = defaults.withProperty("question_count_min", 2).withProperty("question_count_max", 3)
                .withProperty("difficulty_min", 0.2).withProperty("difficulty_max", 0.4);
        Set<Integer> questionCounts = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            List<CatalogItem> items = generator.generate(CatalogType.EXAM, i, exam);
            CatalogItem e = items.get(0);
            assertThat(e.type()).isEqualTo(CatalogType.EXAM);
            assertThat(e.data().keySet()).containsExactly("uuid", "name", "description", "duration", "difficulty");
            assertThat(e.durationSeconds()).isBetween(600.0, 7200.0);
            assertThat(e.difficulty()).isBetween(0.2, 0.4);
            List<CatalogItem> questions = items.subList(1, items.size());
            questionCounts.add(questions.size());
            for (CatalogItem q : questions) {
                assertThat(q.type()).isEqualTo(CatalogType.QUESTION);
                assertThat(q.data().keySet())
                        .containsExactly("exam_uuid", "uuid", "correct_answer_uuid", "wrong_answer_uuids");
                assertThat(q.examUuid()).isEqualTo(e.uuid());
                assertThat(q.wrongAnswerUuids()).hasSize(4).doesNotHaveDuplicates()
                        .doesNotContain(q.correctAnswerUuid());
            }
        }
        assertThat(questionCounts).containsExactlyInAnyOrder(2, 3);
    }

    @Test
    @DisplayName("milestone scores are 50, 75, 112.5, ... by position")
    void milestones() {
        assertThat(generator.milestone(0).requiredScore()).isEqualTo(50.0);
        assertThat(generator.milestone(1).requiredScore()).isEqualTo(75.0);
        assertThat(generator.milestone(2).requiredScore()).isEqualTo(112.5);
        assertThat(generator.milestone(3).requiredScore()).isEqualTo(168.75);
        assertThat(generator.milestone(0).data().keySet()).containsExactly("uuid", "name", "required_score");
        assertThat(generator.generate(CatalogType.MILESTONE, 2, defaults)).containsExactly(generator.milestone(2));
    }

    @Test
    @DisplayName("question, app, order, promo and user generate nothing")
    void nothingGenerated() {
        for (CatalogType type : List.of(CatalogType.QUESTION, CatalogType.APP, CatalogType.ORDER, CatalogType.PROMO,
                CatalogType.USER)) {
            assertThat(generator.generate(type, 0, defaults)).as(type.configName()).isEmpty();
        }
    }

    @Test
    @DisplayName("entry N of a type depends only on the seed, the type and N")
    void entryIsPureFunctionOfPosition() {
        CatalogItem drug5 = one(CatalogType.DRUG, 5);
        one(CatalogType.PAGE, 3);
        one(CatalogType.DRUG, 4);
        FAKE.reseed(12345).sentence();
        assertThat(one(CatalogType.DRUG, 5)).isEqualTo(drug5);
        assertThat(new CatalogGenerator(new RandomStreams(11), new FakeData()).shopItem(CatalogType.DRUG, 5,
                Map.of())).isEqualTo(drug5);
        assertThat(one(CatalogType.DRUG, 6)).isNotEqualTo(drug5);
        assertThat(new CatalogGenerator(new RandomStreams(12), FAKE).shopItem(CatalogType.DRUG, 5, Map.of()).uuid())
                .isNotEqualTo(drug5.uuid());
    }

    @Test
    @DisplayName("overriding a shop item field leaves every other field as generated")
    void overridesKeepOtherFields() {
        CatalogItem plain = generator.shopItem(CatalogType.DRUG, 0, Map.of());
        CatalogItem named = generator.shopItem(CatalogType.DRUG, 0,
                Map.of("drug_name", " panado ", "active_ingredients", "a, b,,"));
        assertThat(named.string("drug_name")).isEqualTo("panado");
        assertThat(named.strings("active_ingredients")).containsExactly("a", "b");
        for (String key : plain.data().keySet()) {
            if (!key.equals("drug_name") && !key.equals("active_ingredients")) {
                assertThat(named.data().get(key)).as(key).isEqualTo(plain.data().get(key));
            }
        }
        assertThat(named.data().keySet()).containsExactlyElementsOf(plain.data().keySet());
        assertThatThrownBy(() -> generator.shopItem(CatalogType.DRUG, 0, Map.of("colour", "red")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
    }
}
