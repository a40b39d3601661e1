package dev.synth.catalog;

import dev.synth.config.CatalogConfig;
import dev.synth.event.CatalogType;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Creates random catalog entries as reference 8.1 describes, field for field and in the same field order.
 *
 * <p><b>Determinism.</b> Entry {@code index} of a type (its position among the type's entries, counting from 0)
 * draws its numbers from the stream {@code streams.stream(key("catalog.entry"), key(type), index)} and its fake text
 * from {@link FakeData} reseeded with {@code streams.derive(key("catalog.entry.fake"), key(type), index)}; an exam's
 * questions take their uuids from {@code streams.stream(key("catalog.question"), index)}. So entry N of a type is
 * the same whatever else the run creates, and a generated entry never depends on the order in which types or
 * entries are generated.
 *
 * <p><b>Ranges</b> follow DECISIONS D12: every min/max pair is inclusive. Defaults (reference 2.11):
 * {@code media_audio} and {@code module} {@code length_min_seconds} 1800 / {@code length_max_seconds} 43200;
 * {@code exam} {@code length_*_seconds} 600 / 7200, {@code question_count_min} 5 / {@code question_count_max} 30,
 * {@code difficulty_min} 0.0 / {@code difficulty_max} 1.0.
 *
 * <p>Not thread-safe (it reseeds the shared {@link FakeData}).
 */
public final class CatalogGenerator {
    /** Required score of the first milestone; each next one needs 1.5 times more. */
    public static final double FIRST_MILESTONE_SCORE = 50.0;
    /** Number of wrong answers per question. */
    public static final int WRONG_ANSWERS_PER_QUESTION = 4;

    static final String CURRENCY = "USD";

    private static final long ENTRY_KEY = RandomStreams.key("catalog.entry");
    private static final long FAKE_KEY = RandomStreams.key("catalog.entry.fake");
    private static final long QUESTION_KEY = RandomStreams.key("catalog.question");
    private static final Map<CatalogType, Long> TYPE_KEYS = new EnumMap<>(CatalogType.class);

    static {
        for (CatalogType t : CatalogType.values()) {
            TYPE_KEYS.put(t, RandomStreams.key(t.configName()));
        }
    }

    private static final List<String> DRUG_FORMS = List.of("Gel", "Infus");
    private static final List<String> OTC_OR_ETHICAL = List.of("Ethical", "OTC");
    private static final List<String> BLOOD_COMPONENTS = List.of("Platelets", "Cryoprecipitate", "Whole blood",
            "Fresh Frozen Plasma", "Packed Red Blood Cells", "Other");
    private static final List<String> BLOOD_GROUPS = List.of("A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-", "Unsure");
    private static final List<String> OXYGEN_SIZES =
            List.of("0.5", "1", "1.5", "1.6", "2", "2.5", "5", "6", "7", "7.5", "8", "9", "10");
    private static final List<String> EQUIPMENT_SIZES = List.of("1", "8", "20", "25", "50", "100");
    /** Medical equipment: name and category, 18 pairs (reference 8.1). */
    private static final List<String[]> EQUIPMENT = List.of(
            new String[] {"Syringe & Needle", "needles"},
            new String[] {"2 - Way Catheter", "catheters"},
            new String[] {"Chromic Sutures", "sutures"},
            new String[] {"Crepe Bandage", "sutures"},
            new String[] {"Vicryl Sutures", "sutures"},
            new String[] {"21G Needle", "needles"},
            new String[] {"Non - Powdered Latex Glove", "gloves"},
            new String[] {"Surgical Gloves", "gloves"},
            new String[] {"Disposable Face Mask", "masks"},
            new String[] {"Adhesive Plaster 1\"", "plasters"},
            new String[] {"Adhesive Plaster 2\"", "plasters"},
            new String[] {"Adhesive Plaster 4\"", "plasters"},
            new String[] {"Cannula 18g", "cannula"},
            new String[] {"Cannula 20g", "cannula"},
            new String[] {"Cannula 22g", "cannula"},
            new String[] {"Cannula 24g", "cannula"},
            new String[] {"Nurse Cap", "caps"},
            new String[] {"Scalp Vein", "cannula"});
    private static final List<String> VIDEO_RESOLUTIONS = List.of("360", "480", "720", "1080");
    private static final List<String> AUDIO_RESOLUTIONS = List.of("64", "96", "128");

    /** The generator parameters a predefined CSV may set, per shop item type (reference 8.2). */
    private static final Map<CatalogType, Set<String>> PREDEFINABLE = new EnumMap<>(CatalogType.class);

    static {
        PREDEFINABLE.put(CatalogType.DRUG, columns("drug_name", "market_id", "description", "supplier_name",
                "supplier_id", "producer", "packaging", "active_ingredients", "drug_form", "drug_strength",
                "atc_anatomical_group", "otc_or_ethical"));
        PREDEFINABLE.put(CatalogType.BLOOD, columns("market_id", "blood_component", "blood_group", "packaging",
                "packaging_size", "packaging_units", "supplier_id", "supplier_name"));
        PREDEFINABLE.put(CatalogType.OXYGEN, columns("market_id", "packaging", "packaging_size", "packaging_units",
                "supplier_id", "supplier_name"));
        PREDEFINABLE.put(CatalogType.MEDICAL_EQUIPMENT, columns("name", "description", "market_id", "supplier_id",
                "supplier_name", "producer", "packaging", "packaging_size", "packaging_units", "category"));
    }

    private final RandomStreams streams;
    private final FakeData fake;

    public CatalogGenerator(RandomStreams streams, FakeData fake) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.fake = Objects.requireNonNull(fake, "fake");
    }

    /**
     * The random entries for position {@code index} of {@code type}: one entry, except for {@code exam} (the exam
     * followed by its questions) and for {@code question}, {@code app}, {@code order}, {@code promo} and
     * {@code user}, which generate nothing here (questions come with exams, promotions are made by promotion
     * maintenance, users are not catalog entries).
     *
     * @param config the type's settings (only its properties are read)
     */
    public List<CatalogItem> generate(CatalogType type, int index, CatalogConfig config) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        if (index < 0) {
            throw new IllegalArgumentException("index was " + index + " but must be >= 0");
        }
        return switch (type) {
            case QUESTION, APP, ORDER, PROMO, USER -> List.of();
            case DRUG, BLOOD, OXYGEN, MEDICAL_EQUIPMENT -> List.of(shopItem(type, index, Map.of()));
            case PAGE -> List.of(page(index));
            case MEDIA_VIDEO, MEDIA_AUDIO, MEDIA_IMAGE -> List.of(media(type, index, config));
            case ELEARNING_SHOP_ITEM -> List.of(elearningShopItem(index));
            case MODULE -> List.of(module(index, config));
            case EXAM -> examWithQuestions(index, config);
            case MILESTONE -> List.of(milestone(index));
        };
    }

    /** {@code true} for the types {@link #generate} creates entries for at warm-up. */
    public static boolean isGenerated(CatalogType type) {
        return switch (type) {
            case QUESTION, APP, ORDER, PROMO, USER -> false;
            default -> true;
        };
    }

    /** The columns a predefined CSV may give for {@code type}; empty for types that cannot be predefined. */
    public static Set<String> predefinableColumns(CatalogType type) {
        return PREDEFINABLE.getOrDefault(type, Set.of());
    }

    /**
     * A shop item ({@code drug}, {@code blood}, {@code oxygen} or {@code medical_equipment}) whose fields named in
     * {@code overrides} take the given (trimmed) values instead of random ones. Every random value is drawn whether
     * or not it is overridden, so overriding one field never changes the others. {@code active_ingredients} is
     * split on commas, blanks dropped. The uuid and price are always generated.
     *
     * @throws IllegalArgumentException for another type or an override that is not one of
     *     {@link #predefinableColumns(CatalogType)}
     */
    public CatalogItem shopItem(CatalogType type, int index, Map<String, String> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        Set<String> allowed = predefinableColumns(type);
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException(type.configName() + " is not a shop item type");
        }
        for (String column : overrides.keySet()) {
            if (!allowed.contains(column)) {
                throw new IllegalArgumentException(
                        "unknown " + type.configName() + " field " + column + "; known: " + allowed);
            }
        }
        SimRandom rnd = draws(type, index);
        reseedFake(type, index);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type.configName());
        d.put("uuid", rnd.uuid().toString());
        switch (type) {
            case DRUG -> {
                d.put("item_price", price(rnd));
                d.put("currency", CURRENCY);
                d.put("drug_name", fake.name());
                d.put("active_ingredients", List.of(fake.sentence()));
                d.put("drug_form", rnd.pick(DRUG_FORMS));
                d.put("drug_strength", fake.sentence());
                d.put("atc_anatomical_group", fake.sentence());
                d.put("packaging", fake.sentence());
                d.put("producer", fake.name());
                d.put("otc_or_ethical", rnd.pick(OTC_OR_ETHICAL));
                d.put("market_id", marketId(rnd));
                d.put("description", fake.sentence());
                d.put("supplier_name", fake.name());
                d.put("supplier_id", marketId(rnd));
            }
            case BLOOD -> {
                d.put("market_id", marketId(rnd));
                d.put("blood_component", rnd.pick(BLOOD_COMPONENTS));
                d.put("blood_group", rnd.pick(BLOOD_GROUPS));
                d.put("packaging", "pint");
                d.put("packaging_size", "1");
                d.put("packaging_units", "pints");
                d.put("supplier_id", fake.sentence());
                d.put("supplier_name", fake.sentence());
                d.put("item_price", price(rnd));
                d.put("currency", CURRENCY);
            }
            case OXYGEN -> {
                d.put("market_id", marketId(rnd));
                d.put("packaging", "cylinder");
                d.put("packaging_size", rnd.pick(OXYGEN_SIZES));
                d.put("packaging_units", "cubic_meters");
                d.put("supplier_id", fake.sentence());
                d.put("supplier_name", fake.sentence());
                d.put("item_price", price(rnd));
                d.put("currency", CURRENCY);
            }
            case MEDICAL_EQUIPMENT -> {
                String[] equipment = rnd.pick(EQUIPMENT);
                d.put("name", equipment[0]);
                d.put("description", fake.sentence());
                d.put("market_id", marketId(rnd));
                d.put("supplier_id", fake.sentence());
                d.put("supplier_name", fake.sentence());
                d.put("producer", fake.sentence());
                d.put("packaging", "carton");
                d.put("packaging_size", rnd.pick(EQUIPMENT_SIZES));
                d.put("packaging_units", "units");
                d.put("category", equipment[1]);
                d.put("item_price", price(rnd));
                d.put("currency", CURRENCY);
            }
            default -> throw new AssertionError(type);
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String value = o.getValue().strip();
            d.put(o.getKey(), o.getKey().equals("active_ingredients") ? splitIngredients(value) : value);
        }
        return CatalogItem.of(type, d);
    }

    /** Milestone {@code index}: {@code {uuid, name, required_score}} with score 50 x 1.5^index. */
    public CatalogItem milestone(int index) {
        SimRandom rnd = draws(CatalogType.MILESTONE, index);
        reseedFake(CatalogType.MILESTONE, index);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("uuid", rnd.uuid().toString());
        d.put("name", fake.sentence());
        d.put("required_score", milestoneScore(index));
        return CatalogItem.of(CatalogType.MILESTONE, d);
    }

    /** The score milestone {@code index} requires: 50, 75, 112.5, ... (each 1.5 times the previous). */
    public static double milestoneScore(int index) {
        double score = FIRST_MILESTONE_SCORE;
        for (int i = 0; i < index; i++) {
            score *= 1.5;
        }
        return score;
    }

    // ----------------------------------------------------------------------------------------------- the types

    private CatalogItem page(int index) {
        SimRandom rnd = draws(CatalogType.PAGE, index);
        reseedFake(CatalogType.PAGE, index);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("uuid", rnd.uuid().toString());
        d.put("path", fake.url());
        d.put("title", fake.sentence());
        return CatalogItem.of(CatalogType.PAGE, d);
    }

    private CatalogItem media(CatalogType type, int index, CatalogConfig config) {
        SimRandom rnd = draws(type, index);
        reseedFake(type, index);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("uuid", rnd.uuid().toString());
        String mediaType;
        double length;
        String resolution;
        switch (type) {
            case MEDIA_VIDEO -> {
                mediaType = "video";
                length = rnd.intInclusive(10_000, 2_000_000);
                resolution = rnd.pick(VIDEO_RESOLUTIONS);
            }
            case MEDIA_AUDIO -> {
                mediaType = "audio";
                int seconds = rnd.intInclusive(config.intProperty(CatalogType.MEDIA_AUDIO, "length_min_seconds"),
                        config.intProperty(CatalogType.MEDIA_AUDIO, "length_max_seconds"));
                length = seconds * 1000.0;
                resolution = rnd.pick(AUDIO_RESOLUTIONS);
            }
            case MEDIA_IMAGE -> {
                mediaType = "image";
                length = rnd.intInclusive(10, 2000);
                resolution = rnd.pick(VIDEO_RESOLUTIONS);
            }
            default -> throw new AssertionError(type);
        }
        d.put("media_type", mediaType);
        d.put("name", fake.sentence());
        d.put("description", fake.sentence());
        d.put("lang", "en");
        d.put("length", length);
        d.put("resolution", resolution);
        return CatalogItem.of(type, d);
    }

    private CatalogItem elearningShopItem(int index) {
        SimRandom rnd = draws(CatalogType.ELEARNING_SHOP_ITEM, index);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("uuid", rnd.uuid().toString());
        d.put("type", "module");
        d.put("name", "elearning");
        d.put("price", price(rnd));
        d.put("currency", CURRENCY);
        d.put("availability", Boolean.TRUE);
        return CatalogItem.of(CatalogType.ELEARNING_SHOP_ITEM, d);
    }

    private CatalogItem module(int index, CatalogConfig config) {
        SimRandom rnd = draws(CatalogType.MODULE, index);
        reseedFake(CatalogType.MODULE, index);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("uuid", rnd.uuid().toString());
        d.put("name", fake.sentence());
        d.put("description", fake.sentence());
        d.put("duration", rnd.intInclusive(config.intProperty(CatalogType.MODULE, "length_min_seconds"),
                config.intProperty(CatalogType.MODULE, "length_max_seconds")));
        return CatalogItem.of(CatalogType.MODULE, d);
    }

    private List<CatalogItem> examWithQuestions(int index, CatalogConfig config) {
        SimRandom rnd = draws(CatalogType.EXAM, index);
        reseedFake(CatalogType.EXAM, index);
        String examUuid = rnd.uuid().toString();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("uuid", examUuid);
        d.put("name", fake.sentence());
        d.put("description", fake.sentence());
        d.put("duration", rnd.intInclusive(config.intProperty(CatalogType.EXAM, "length_min_seconds"),
                config.intProperty(CatalogType.EXAM, "length_max_seconds")));
        d.put("difficulty", rnd.between(config.doubleProperty(CatalogType.EXAM, "difficulty_min"),
                config.doubleProperty(CatalogType.EXAM, "difficulty_max")));
        int questionCount = rnd.intInclusive(config.intProperty(CatalogType.EXAM, "question_count_min"),
                config.intProperty(CatalogType.EXAM, "question_count_max"));

        List<CatalogItem> out = new ArrayList<>(1 + Math.max(questionCount, 0));
        out.add(CatalogItem.of(CatalogType.EXAM, d));
        SimRandom qrnd = streams.stream(QUESTION_KEY, index);
        for (int q = 0; q < questionCount; q++) {
            Map<String, Object> qd = new LinkedHashMap<>();
            qd.put("exam_uuid", examUuid);
            qd.put("uuid", qrnd.uuid().toString());
            qd.put("correct_answer_uuid", qrnd.uuid().toString());
            String[] wrong = new String[WRONG_ANSWERS_PER_QUESTION];
            for (int w = 0; w < wrong.length; w++) {
                wrong[w] = qrnd.uuid().toString();
            }
            qd.put("wrong_answer_uuids", Arrays.asList(wrong));
            out.add(CatalogItem.of(CatalogType.QUESTION, qd));
        }
        return Collections.unmodifiableList(out);
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private SimRandom draws(CatalogType type, int index) {
        return streams.stream(ENTRY_KEY, TYPE_KEYS.get(type), index);
    }

    private void reseedFake(CatalogType type, int index) {
        fake.reseed(streams.derive(FAKE_KEY, TYPE_KEYS.get(type), index));
    }

    /** {@code U * 100}, unrounded (reference 8.1). */
    private static double price(SimRandom rnd) {
        return rnd.nextDouble() * 100;
    }

    private static String marketId(SimRandom rnd) {
        return Integer.toString(rnd.intInclusive(1000, 100_000));
    }

    /** {@code "a, b,"} -> {@code [a, b]}: split on commas, parts trimmed, blank parts dropped. */
    static List<String> splitIngredients(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String p = part.strip();
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    private static Set<String> columns(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
    }
}
