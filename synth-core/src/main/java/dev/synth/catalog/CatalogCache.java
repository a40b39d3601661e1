package dev.synth.catalog;

import dev.synth.config.CatalogConfig;
import dev.synth.event.CatalogType;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All catalog entries of one simulation, per type in creation order, with the sampling helpers the user model
 * draws from (reference 8.3).
 *
 * <p>Built by {@link #warmUp}; afterwards promotion maintenance {@link #add adds} and {@link #removeIf removes}
 * entries. Lookups by uuid and the questions of an exam are indexed. The sampling helpers take the caller's
 * {@link SimRandom}, never keep one, copy no whole list and cost O(k) for k entries.
 *
 * <p><b>Threading.</b> Not thread-safe for writes. Reads and sampling do not modify the cache, so several threads
 * may sample concurrently while nobody writes.
 */
public final class CatalogCache {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);

    /** The four shop item types, in the order {@link #pickDistinctShopItems} concatenates them. */
    static final List<CatalogType> SHOP_ITEM_TYPES =
            List.of(CatalogType.DRUG, CatalogType.BLOOD, CatalogType.OXYGEN, CatalogType.MEDICAL_EQUIPMENT);

    private static final CatalogType[] TYPES = CatalogType.values();

    private final EnumMap<CatalogType, ArrayList<CatalogItem>> byType = new EnumMap<>(CatalogType.class);
    private final EnumMap<CatalogType, List<CatalogItem>> views = new EnumMap<>(CatalogType.class);
    private final HashMap<String, CatalogItem> byUuid = new HashMap<>();
    private final HashMap<String, ArrayList<CatalogItem>> questionsByExam = new HashMap<>();
    /** Promotion indexes by instant, cleared whenever a promotion is added or removed. */
    private final Map<Long, PromotionIndex> promotionIndexes = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PromotionIndex> eldest) {
            return size() > 4;
        }
    };

    /** The result of {@link #warmUp}: the cache and the entries it created (to store and to emit), in order. */
    public record WarmUp(CatalogCache cache, List<CatalogItem> created) {
        public WarmUp {
            Objects.requireNonNull(cache, "cache");
            created = List.copyOf(created);
        }
    }

    /** An empty cache that knows every type except {@code user} (each with no entries). */
    public CatalogCache() {
        for (CatalogType type : TYPES) {
            if (type != CatalogType.USER) {
                listOf(type);
            }
        }
    }

    /**
     * Loads the existing entries and tops every type up to its target (reference 8.3 warm-up). For every type
     * except {@code user}, in {@link CatalogType} order: when the type has no entry yet, the predefined entries of
     * {@code predefinedDir} come first ({@link PredefinedCatalogs}); then {@code target_count - count} random
     * entries are created ({@link CatalogGenerator}), numbered on from the entries already there, so a top-up
     * creates the same entries a fresh run would have created at those positions. An exam brings its questions
     * (so questions are never topped up on their own); milestones continue the score sequence
     * (50, 75, 112.5, ...) from their position. {@code question}, {@code app}, {@code order}, {@code promo} get no
     * entries here.
     *
     * <p>Deterministic: the same arguments give the same entries. {@code fake} is reseeded per entry.
     * Expired promotions are not dropped here, as warm-up does not know the time: call
     * {@link #dropExpiredPromos(Instant)}.
     *
     * @param configs       catalog settings per type; a missing type gets {@link CatalogConfig#defaults()}
     *                      (30 entries)
     * @param predefinedDir the simulation profile's predefined catalog directory, e.g.
     *                      {@code data/catalog/example_company}; empty or missing = none
     * @param streams       the run's random streams
     * @param fake          the run's fake-text generator
     * @param existing      entries already stored for the run (any order of types; kept in list order per type)
     * @throws IllegalArgumentException if {@code existing} holds a uuid twice
     * @throws dev.synth.ConfigException if a predefined catalog file is malformed
     */
    public static WarmUp warmUp(Map<CatalogType, CatalogConfig> configs, Optional<Path> predefinedDir,
            RandomStreams streams, FakeData fake, List<CatalogItem> existing) {
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(predefinedDir, "predefinedDir");
        Objects.requireNonNull(existing, "existing");
        CatalogGenerator generator = new CatalogGenerator(streams, fake);
        CatalogCache cache = new CatalogCache();
        for (CatalogItem item : existing) {
            cache.add(item);
        }
        List<CatalogItem> created = new ArrayList<>();
        for (CatalogType type : TYPES) {
            if (type == CatalogType.USER) {
                continue;
            }
            CatalogConfig config = configs.getOrDefault(type, CatalogConfig.defaults());
            int before = cache.count(type);
            if (before == 0 && predefinedDir.isPresent()) {
                for (CatalogItem item : PredefinedCatalogs.load(predefinedDir.get(), type, generator)) {
                    cache.add(item);
                    created.add(item);
                }
            }
            int present = cache.count(type);
            int missing = config.targetCount() - present;
            if (missing > 0 && CatalogGenerator.isGenerated(type)) {
                for (int index = present; index < present + missing; index++) {
                    for (CatalogItem item : generator.generate(type, index, config)) {
                        cache.add(item);
                        created.add(item);
                    }
                }
            }
            LOG.debug("Catalog {}: target {}, existing {}, now {}", type.configName(), config.targetCount(), before,
                    cache.count(type));
        }
        LOG.info("Catalog warm-up: {} existing entries, {} created", existing.size(), created.size());
        return new WarmUp(cache, created);
    }

    // ------------------------------------------------------------------------------------------------- reading

    /** Number of entries of {@code type}. */
    public int count(CatalogType type) {
        List<CatalogItem> list = byType.get(type);
        return list == null ? 0 : list.size();
    }

    /**
     * Entry counts of every type the cache knows: all types except {@code user} (zero when empty), plus
     * {@code user} if entries of it were added. In {@link CatalogType} order.
     */
    public Map<CatalogType, Integer> counts() {
        Map<CatalogType, Integer> counts = new EnumMap<>(CatalogType.class);
        byType.forEach((type, list) -> counts.put(type, list.size()));
        return Collections.unmodifiableMap(counts);
    }

    /** The entries of {@code type} in creation order: a read-only live view (it reflects later changes). */
    public List<CatalogItem> all(CatalogType type) {
        List<CatalogItem> view = views.get(type);
        return view == null ? List.of() : view;
    }

    /** The milestones in cache order (ascending required score for generated ones). */
    public List<CatalogItem> milestones() {
        return all(CatalogType.MILESTONE);
    }

    /** The entry with this uuid, of any type. */
    public Optional<CatalogItem> byUuid(String uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    /** The questions of an exam in creation order (indexed; empty for an unknown exam): a read-only view. */
    public List<CatalogItem> questionsOf(String examUuid) {
        List<CatalogItem> questions = questionsByExam.get(examUuid);
        return questions == null ? List.of() : Collections.unmodifiableList(questions);
    }

    /**
     * The promotions valid at {@code micros} and their offers per item ({@link PromotionIndex}). Expired
     * promotions stay in the cache so that the index of an earlier instant can be rebuilt exactly (a window
     * regenerated on resume reads the promotions as of the step it was first generated in). Cached per instant,
     * synchronized, so shards on several threads may read it at once.
     */
    public synchronized PromotionIndex promotionsAt(long micros) {
        List<CatalogItem> promos = byType.get(CatalogType.PROMO);
        if (promos == null || promos.isEmpty()) {
            return PromotionIndex.EMPTY;
        }
        PromotionIndex index = promotionIndexes.get(micros);
        if (index == null) {
            index = PromotionIndex.of(promos, micros);
            promotionIndexes.put(micros, index);
        }
        return index;
    }

    // ------------------------------------------------------------------------------------------------ sampling

    /** One entry of {@code type} chosen uniformly; empty when the type has none. */
    public Optional<CatalogItem> pickOne(CatalogType type, SimRandom rnd) {
        Objects.requireNonNull(rnd, "rnd");
        List<CatalogItem> list = byType.get(type);
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(list.get(rnd.index(list.size())));
    }

    /**
     * {@code min(k, count(type))} distinct entries of {@code type}, uniformly chosen, in random order. No draw is
     * made when the result is empty.
     */
    public List<CatalogItem> pickDistinct(CatalogType type, int k, SimRandom rnd) {
        Objects.requireNonNull(rnd, "rnd");
        List<CatalogItem> list = byType.get(type);
        if (list == null || k <= 0 || list.isEmpty()) {
            return List.of();
        }
        int[] picked = DistinctSampler.sample(list.size(), k, rnd);
        List<CatalogItem> out = new ArrayList<>(picked.length);
        for (int i : picked) {
            out.add(list.get(i));
        }
        return out;
    }

    /**
     * Entries "from a distribution" (reference 8.3): each of {@code k} draws picks a type with probability
     * proportional to its weight; then each drawn type (in the order it was first drawn) contributes
     * {@code min(times drawn, count)} distinct entries. The result may therefore hold fewer than {@code k}
     * entries. The weights are read in {@link CatalogType} order, whatever the map's own order, so any map gives
     * the same draws.
     *
     * @throws IllegalArgumentException if a weight is negative or not finite, or all are zero (when k > 0)
     */
    public List<CatalogItem> pickFromDistribution(Map<CatalogType, Double> weights, int k, SimRandom rnd) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(rnd, "rnd");
        if (k <= 0) {
            return List.of();
        }
        CatalogType[] types = new CatalogType[weights.size()];
        double[] w = new double[weights.size()];
        int n = 0;
        for (CatalogType type : TYPES) {
            Double weight = weights.get(type);
            if (weight == null) {
                continue;
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + type.configName() + " was " + weight
                        + " but must be a finite number >= 0");
            }
            types[n] = type;
            w[n] = weight;
            n++;
        }
        if (n < w.length) {
            w = Arrays.copyOf(w, n);
        }
        int[] drawn = new int[n];
        int[] firstDrawnOrder = new int[n];
        int distinctTypes = 0;
        for (int draw = 0; draw < k; draw++) {
            int t = rnd.weightedIndex(w);
            if (drawn[t]++ == 0) {
                firstDrawnOrder[distinctTypes++] = t;
            }
        }
        List<CatalogItem> out = new ArrayList<>(k);
        for (int i = 0; i < distinctTypes; i++) {
            int t = firstDrawnOrder[i];
            out.addAll(pickDistinct(types[t], drawn[t], rnd));
        }
        return out;
    }

    /**
     * {@code k} distinct entries across the four shop item types together (drug, blood, oxygen,
     * medical_equipment), uniformly chosen, in random order - used for promotions.
     *
     * @throws IllegalArgumentException if {@code k} exceeds the number of shop items
     */
    public List<CatalogItem> pickDistinctShopItems(int k, SimRandom rnd) {
        Objects.requireNonNull(rnd, "rnd");
        int total = 0;
        for (CatalogType type : SHOP_ITEM_TYPES) {
            total += count(type);
        }
        if (k > total) {
            throw new IllegalArgumentException(
                    "cannot pick " + k + " distinct shop items: only " + total + " exist");
        }
        if (k <= 0) {
            return List.of();
        }
        int[] picked = DistinctSampler.sample(total, k, rnd);
        List<CatalogItem> out = new ArrayList<>(picked.length);
        for (int index : picked) {
            int i = index;
            for (CatalogType type : SHOP_ITEM_TYPES) {
                int size = count(type);
                if (i < size) {
                    out.add(byType.get(type).get(i));
                    break;
                }
                i -= size;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------- writing

    /**
     * Appends an entry (for example a new promotion) after the entries of its type.
     *
     * @throws IllegalArgumentException if an entry with the same uuid is already cached
     */
    public void add(CatalogItem item) {
        Objects.requireNonNull(item, "item");
        CatalogItem previous = byUuid.putIfAbsent(item.uuid(), item);
        if (previous != null) {
            throw new IllegalArgumentException("catalog uuid " + item.uuid() + " is already used by a "
                    + previous.type().configName() + " entry; cannot add a " + item.type().configName() + " entry");
        }
        listOf(item.type()).add(item);
        if (item.type() == CatalogType.PROMO) {
            promotionIndexes.clear();
        }
        if (item.type() == CatalogType.QUESTION && item.data().get("exam_uuid") instanceof String exam) {
            questionsByExam.computeIfAbsent(exam, e -> new ArrayList<>()).add(item);
        }
    }

    /** Removes the entries of {@code type} that match {@code filter}; the others keep their order. */
    public void removeIf(CatalogType type, Predicate<CatalogItem> filter) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(filter, "filter");
        List<CatalogItem> list = byType.get(type);
        if (list == null) {
            return;
        }
        List<CatalogItem> removed = new ArrayList<>();
        list.removeIf(item -> {
            if (filter.test(item)) {
                removed.add(item);
                return true;
            }
            return false;
        });
        if (type == CatalogType.PROMO && !removed.isEmpty()) {
            promotionIndexes.clear();
        }
        for (CatalogItem item : removed) {
            byUuid.remove(item.uuid());
            if (type == CatalogType.QUESTION && item.data().get("exam_uuid") instanceof String exam) {
                List<CatalogItem> questions = questionsByExam.get(exam);
                if (questions != null) {
                    questions.remove(item);
                    if (questions.isEmpty()) {
                        questionsByExam.remove(exam);
                    }
                }
            }
        }
    }

    /**
     * Drops the promotions that ended before {@code now} ({@code end_timestamp}, epoch seconds, is less than
     * {@code now}; reference 8.3/8.4). Promotions without an end are kept.
     *
     * @return the number of promotions dropped
     */
    public int dropExpiredPromos(Instant now) {
        Objects.requireNonNull(now, "now");
        double nowSeconds = now.getEpochSecond() + now.getNano() / 1e9;
        int before = count(CatalogType.PROMO);
        removeIf(CatalogType.PROMO,
                p -> p.data().get("end_timestamp") instanceof Number end && end.doubleValue() < nowSeconds);
        return before - count(CatalogType.PROMO);
    }

    private ArrayList<CatalogItem> listOf(CatalogType type) {
        ArrayList<CatalogItem> list = byType.get(type);
        if (list == null) {
            list = new ArrayList<>();
            byType.put(type, list);
            views.put(type, Collections.unmodifiableList(list));
        }
        return list;
    }
}
