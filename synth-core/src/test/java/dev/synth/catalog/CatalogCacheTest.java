package dev.synth.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.synth.config.CatalogConfig;
import dev.synth.event.CatalogType;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CatalogCache")
class CatalogCacheTest {
    private static final FakeData FAKE = new FakeData();

    /** The catalog settings of the reference's catalog_events_memory test: video 10, exams with 5 questions. */
    private static Map<CatalogType, CatalogConfig> memoryTestConfigs() {
        Map<CatalogType, CatalogConfig> configs = new EnumMap<>(CatalogType.class);
        configs.put(CatalogType.MEDIA_VIDEO, CatalogConfig.defaults().withTargetCount(10));
        configs.put(CatalogType.EXAM, CatalogConfig.defaults()
                .withProperty("question_count_min", 5)
                .withProperty("question_count_max", 5));
        return configs;
    }

    private static CatalogCache.WarmUp warmUp(long seed, List<CatalogItem> existing) {
        return CatalogCache.warmUp(memoryTestConfigs(), Optional.empty(), new RandomStreams(seed), FAKE, existing);
    }

    private static String allJson(CatalogCache cache) {
        StringBuilder sb = new StringBuilder();
        for (CatalogType type : CatalogType.values()) {
            for (CatalogItem item : cache.all(type)) {
                sb.append(type.configName()).append(' ').append(item.toJson()).append('\n');
            }
        }
        return sb.toString();
    }

    @Nested
    @DisplayName("warm-up")
    class WarmUpTests {

        @Test
        @DisplayName("creates the catalog_events_memory counts (reference 9.3): defaults 30, video 10, 150 questions")
        void referenceCounts() {
            CatalogCache.WarmUp result = warmUp(1, List.of());
            CatalogCache cache = result.cache();

            Map<String, Integer> counts = cache.counts().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().configName(), Map.Entry::getValue));
            assertThat(counts).containsOnly(
                    Map.entry("app", 0), Map.entry("blood", 30), Map.entry("drug", 30),
                    Map.entry("elearning_shop_item", 30), Map.entry("exam", 30), Map.entry("media_audio", 30),
                    Map.entry("media_image", 30), Map.entry("media_video", 10), Map.entry("medical_equipment", 30),
                    Map.entry("milestone", 30), Map.entry("module", 30), Map.entry("order", 0),
                    Map.entry("oxygen", 30), Map.entry("page", 30), Map.entry("promo", 0),
                    Map.entry("question", 150));
            assertThat(result.created()).hasSize(30 * 11 + 10 + 150);
        }

        @Test
        @DisplayName("every entry's data serialises to JSON and round-trips through CatalogRecord")
        void everyEntryRoundTrips() {
            CatalogCache cache = warmUp(2, List.of()).cache();
            for (CatalogType type : CatalogType.values()) {
                for (CatalogItem item : cache.all(type)) {
                    CatalogItem back = CatalogItem.fromRecord(item.toRecord());
                    assertThat(back).isEqualTo(item);
                    assertThat(back.toJson()).isEqualTo(item.toJson());
                    assertThat(back.data().keySet()).containsExactlyElementsOf(item.data().keySet());
                }
            }
        }

        @Test
        @DisplayName("the same seed gives identical entries; another seed gives different ones")
        void deterministic() {
            String first = allJson(warmUp(42, List.of()).cache());
            String again = allJson(CatalogCache.warmUp(memoryTestConfigs(), Optional.empty(), new RandomStreams(42),
                    new FakeData(), List.of()).cache());
            String other = allJson(warmUp(43, List.of()).cache());

            assertThat(again).isEqualTo(first);
            assertThat(other).isNotEqualTo(first);
        }

        @Test
        @DisplayName("uuids are unique across all types")
        void uniqueUuids() {
            CatalogCache cache = warmUp(5, List.of()).cache();
            int total = cache.counts().values().stream().mapToInt(Integer::intValue).sum();
            long distinct = java.util.Arrays.stream(CatalogType.values())
                    .flatMap(t -> cache.all(t).stream()).map(CatalogItem::uuid).distinct().count();
            assertThat(distinct).isEqualTo(total);
        }

        @Test
        @DisplayName("over existing entries creates only the missing ones, the same a fresh run creates there")
        void topUp() {
            CatalogCache full = warmUp(9, List.of()).cache();
            List<CatalogItem> existing = new ArrayList<>();
            existing.addAll(full.all(CatalogType.DRUG).subList(0, 10));
            existing.addAll(full.all(CatalogType.PAGE));
            List<CatalogItem> exams = full.all(CatalogType.EXAM).subList(0, 4);
            existing.addAll(exams);
            exams.forEach(e -> existing.addAll(full.questionsOf(e.uuid())));
            existing.addAll(full.milestones().subList(0, 3));

            CatalogCache.WarmUp topUp = warmUp(9, existing);
            CatalogCache cache = topUp.cache();

            assertThat(topUp.created()).doesNotContainAnyElementsOf(existing);
            assertThat(topUp.created().stream().filter(i -> i.type() == CatalogType.DRUG)).hasSize(20);
            assertThat(topUp.created().stream().filter(i -> i.type() == CatalogType.PAGE)).isEmpty();
            assertThat(topUp.created().stream().filter(i -> i.type() == CatalogType.EXAM)).hasSize(26);
            assertThat(topUp.created().stream().filter(i -> i.type() == CatalogType.QUESTION)).hasSize(130);
            assertThat(topUp.created().stream().filter(i -> i.type() == CatalogType.MILESTONE)).hasSize(27);
            assertThat(allJson(cache)).isEqualTo(allJson(full));
            assertThat(cache.milestones()).extracting(CatalogItem::requiredScore)
                    .startsWith(50.0, 75.0, 112.5, 168.75);
        }

        @Test
        @DisplayName("milestones are created in one batch with scores 50, 75, 112.5, ...")
        void milestoneScores() {
            List<CatalogItem> milestones = warmUp(1, List.of()).cache().milestones();
            assertThat(milestones).hasSize(30);
            assertThat(milestones).extracting(CatalogItem::requiredScore).startsWith(50.0, 75.0, 112.5);
            for (int i = 1; i < milestones.size(); i++) {
                assertThat(milestones.get(i).requiredScore())
                        .isEqualTo(milestones.get(i - 1).requiredScore() * 1.5);
            }
        }

        @Test
        @DisplayName("uses the predefined entries when a type is empty and generates the rest up to the target")
        void predefined() throws Exception {
            Path profile = PredefinedCatalogsTest.exampleCompany();
            CatalogCache.WarmUp result = CatalogCache.warmUp(Map.of(), Optional.of(profile), new RandomStreams(1),
                    FAKE, List.of());
            List<CatalogItem> drugs = result.cache().all(CatalogType.DRUG);

            assertThat(drugs).hasSize(30);
            assertThat(drugs.get(0).data()).containsEntry("drug_name", "panado")
                    .containsEntry("active_ingredients", List.of("allopurinol"));
            assertThat(drugs.subList(1, 30)).noneMatch(d -> d.string("drug_name").equals("panado"));
            assertThat(result.created()).contains(drugs.get(0));

            CatalogCache again = CatalogCache.warmUp(Map.of(), Optional.of(profile), new RandomStreams(1), FAKE,
                    drugs.subList(0, 5)).cache();
            assertThat(again.all(CatalogType.DRUG)).isEqualTo(drugs);
        }

        @Test
        @DisplayName("a missing predefined directory means no predefined entries")
        void missingPredefinedDirectory() {
            CatalogCache cache = CatalogCache.warmUp(Map.of(), Optional.of(Path.of("does/not/exist")),
                    new RandomStreams(1), FAKE, List.of()).cache();
            assertThat(cache.count(CatalogType.DRUG)).isEqualTo(30);
        }
    }

    @Nested
    @DisplayName("sampling")
    class Sampling {
        private final CatalogCache cache = warmUp(77, List.of()).cache();
        private final SimRandom rnd = new RandomStreams(1234).stream(1);

        @Test
        @DisplayName("pickOne returns an entry of the type, or nothing for an empty type")
        void pickOne() {
            assertThat(cache.pickOne(CatalogType.PAGE, rnd)).get()
                    .satisfies(p -> assertThat(p.type()).isEqualTo(CatalogType.PAGE));
            assertThat(cache.pickOne(CatalogType.PROMO, rnd)).isEmpty();
        }

        @Test
        @DisplayName("pickDistinct returns distinct entries, capped by availability")
        void pickDistinct() {
            for (int k : new int[] {0, 1, 5, 9, 15, 16, 29, 30, 31, 100}) {
                List<CatalogItem> picked = cache.pickDistinct(CatalogType.DRUG, k, rnd);
                assertThat(picked).hasSize(Math.min(k, 30)).doesNotHaveDuplicates()
                        .allMatch(i -> i.type() == CatalogType.DRUG);
            }
            assertThat(cache.pickDistinct(CatalogType.PROMO, 3, rnd)).isEmpty();
        }

        @Test
        @DisplayName("pickDistinct chooses every entry about equally often, for small, medium and large k")
        void pickDistinctIsUniform() {
            Map<String, Integer> hits = new HashMap<>();
            int rounds = 6000;
            for (int r = 0; r < rounds; r++) {
                for (CatalogItem i : cache.pickDistinct(CatalogType.PAGE, 3, rnd)) {
                    hits.merge(i.uuid(), 1, Integer::sum);
                }
                for (CatalogItem i : cache.pickDistinct(CatalogType.PAGE, 12, rnd)) {
                    hits.merge(i.uuid(), 1, Integer::sum);
                }
                for (CatalogItem i : cache.pickDistinct(CatalogType.PAGE, 20, rnd)) {
                    hits.merge(i.uuid(), 1, Integer::sum);
                }
            }
            double expected = rounds * (3 + 12 + 20) / 30.0;
            assertThat(hits).hasSize(30);
            assertThat(hits.values()).allSatisfy(h -> assertThat((double) h).isCloseTo(expected, within(expected * 0.08)));
        }

        @Test
        @DisplayName("pickFromDistribution follows the weights and caps each type by availability")
        void fromDistribution() {
            Map<CatalogType, Double> weights = new LinkedHashMap<>();
            weights.put(CatalogType.DRUG, 0.8);
            weights.put(CatalogType.BLOOD, 0.2);
            weights.put(CatalogType.OXYGEN, 0.0);
            int drugs = 0;
            int rounds = 10_000;
            for (int r = 0; r < rounds; r++) {
                List<CatalogItem> one = cache.pickFromDistribution(weights, 1, rnd);
                assertThat(one).hasSize(1);
                if (one.get(0).type() == CatalogType.DRUG) {
                    drugs++;
                } else {
                    assertThat(one.get(0).type()).isEqualTo(CatalogType.BLOOD);
                }
            }
            assertThat(drugs / (double) rounds).isCloseTo(0.8, within(0.02));

            List<CatalogItem> many = cache.pickFromDistribution(weights, 200, rnd);
            assertThat(many).doesNotHaveDuplicates();
            assertThat(many.stream().filter(i -> i.type() == CatalogType.DRUG)).hasSize(30);
            assertThat(many.stream().filter(i -> i.type() == CatalogType.BLOOD)).hasSize(30);
            assertThat(cache.pickFromDistribution(weights, 0, rnd)).isEmpty();
        }

        @Test
        @DisplayName("pickFromDistribution gives the same draws whatever the map's iteration order")
        void fromDistributionIgnoresMapOrder() {
            Map<CatalogType, Double> a = new LinkedHashMap<>();
            a.put(CatalogType.DRUG, 0.5);
            a.put(CatalogType.OXYGEN, 0.5);
            Map<CatalogType, Double> b = new LinkedHashMap<>();
            b.put(CatalogType.OXYGEN, 0.5);
            b.put(CatalogType.DRUG, 0.5);
            assertThat(cache.pickFromDistribution(a, 10, new RandomStreams(1).stream(9)))
                    .isEqualTo(cache.pickFromDistribution(b, 10, new RandomStreams(1).stream(9)));
        }

        @Test
        @DisplayName("pickDistinctShopItems spans the four item types and refuses more than exist")
        void shopItems() {
            List<CatalogItem> all = cache.pickDistinctShopItems(120, rnd);
            assertThat(all).hasSize(120).doesNotHaveDuplicates().allMatch(i -> i.type().isShopItem());
            assertThat(cache.pickDistinctShopItems(7, rnd)).hasSize(7).doesNotHaveDuplicates();
            assertThat(cache.pickDistinctShopItems(0, rnd)).isEmpty();
            assertThatThrownBy(() -> cache.pickDistinctShopItems(121, rnd))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("121");
        }

        @Test
        @DisplayName("questionsOf finds an exam's questions; byUuid finds any entry")
        void lookups() {
            CatalogItem exam = cache.all(CatalogType.EXAM).get(3);
            assertThat(cache.questionsOf(exam.uuid())).hasSize(5).allMatch(q -> q.examUuid().equals(exam.uuid()));
            assertThat(cache.questionsOf("unknown")).isEmpty();
            assertThat(cache.byUuid(exam.uuid())).contains(exam);
            assertThat(cache.byUuid("unknown")).isEmpty();
        }

        @Test
        @DisplayName("the same stream gives the same picks")
        void samplingIsDeterministic() {
            assertThat(cache.pickDistinct(CatalogType.PAGE, 12, new RandomStreams(5).stream(1)))
                    .isEqualTo(cache.pickDistinct(CatalogType.PAGE, 12, new RandomStreams(5).stream(1)));
        }
    }

    @Nested
    @DisplayName("changes")
    class Changes {

        private static CatalogItem promo(String uuid, double end) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("uuid", uuid);
            d.put("type", "coupon");
            d.put("title", "Sale");
            d.put("cost_adjustment_ratio", 0.85);
            d.put("promoted_item_uuids", List.of("x"));
            d.put("promoted_item_types", List.of("drug"));
            d.put("start_timestamp", 0.0);
            d.put("end_timestamp", end);
            return CatalogItem.of(CatalogType.PROMO, d);
        }

        @Test
        @DisplayName("holds promotions and drops the expired ones")
        void promotions() {
            CatalogCache cache = new CatalogCache();
            cache.add(promo("p1", 1000.0));
            cache.add(promo("p2", 2000.0));
            cache.add(promo("p3", 3000.0));

            int dropped = cache.dropExpiredPromos(Instant.ofEpochSecond(2000));

            assertThat(dropped).isEqualTo(1);
            assertThat(cache.all(CatalogType.PROMO)).extracting(CatalogItem::uuid).containsExactly("p2", "p3");
            assertThat(cache.byUuid("p1")).isEmpty();
            assertThat(cache.all(CatalogType.PROMO).get(0).costAdjustmentRatio()).isEqualTo(0.85);
        }

        @Test
        @DisplayName("removing questions updates the exam index; a duplicate uuid is refused")
        void removeAndDuplicates() {
            CatalogCache cache = warmUp(3, List.of()).cache();
            CatalogItem exam = cache.all(CatalogType.EXAM).get(0);
            String firstQuestion = cache.questionsOf(exam.uuid()).get(0).uuid();

            cache.removeIf(CatalogType.QUESTION, q -> q.uuid().equals(firstQuestion));

            assertThat(cache.questionsOf(exam.uuid())).hasSize(4);
            assertThat(cache.byUuid(firstQuestion)).isEmpty();
            assertThat(cache.count(CatalogType.QUESTION)).isEqualTo(149);
            assertThatThrownBy(() -> cache.add(exam)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(exam.uuid());
        }

        @Test
        @DisplayName("all() is a read-only view")
        void readOnlyView() {
            CatalogCache cache = new CatalogCache();
            List<CatalogItem> promos = cache.all(CatalogType.PROMO);
            cache.add(promo("p", 1.0));
            assertThat(promos).hasSize(1);
            assertThatThrownBy(promos::clear).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
