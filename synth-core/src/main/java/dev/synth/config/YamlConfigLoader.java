package dev.synth.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.synth.ConfigException;
import dev.synth.event.CatalogType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a YAML configuration: parses it into a tree, checks every mapping's keys and value types where they are
 * written, merges {@code default} profiles and catalogs into the others on the tree, binds the merged trees to
 * records and finally applies {@link SimulationConfig#validate()}. All problems end up in one exception.
 */
final class YamlConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(YamlConfigLoader.class);

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Map-valued keys that a child profile replaces as a whole instead of merging. */
    private static final Set<String> REPLACED_IN_PROFILES =
            Set.of("nudges.response_probabilities", "behaviour.purchase.catalog_type_probabilities", "time_zones");

    private static final String CATALOG_TYPES = Arrays.stream(CatalogType.values()).map(CatalogType::configName)
            .sorted().collect(Collectors.joining(", "));

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> unusedKeys = new ArrayList<>();
    /** The trees as written, kept to tell problems inherited from {@code default} from a member's own. */
    private final Map<String, JsonNode> ownProfileTrees = new TreeMap<>();
    private JsonNode defaultProfileTree;
    private final Map<CatalogType, JsonNode> ownCatalogTrees = new EnumMap<>(CatalogType.class);
    private JsonNode defaultCatalogTree;

    private YamlConfigLoader() {
    }

    static SimulationConfig load(String text, String sourceName, Path sourceFile) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(sourceName, List.of(syntaxProblem(e, text)));
        }
        List<ConfigProblem> aliases = aliases(text);
        if (!aliases.isEmpty()) {
            throw new ConfigException(sourceName, aliases);
        }
        YamlConfigLoader loader = new YamlConfigLoader();
        SimulationConfig config = loader.bind(root, sourceFile);
        List<ConfigProblem> all = new ArrayList<>(loader.problems);
        all.addAll(loader.attributeInherited(config.validate()));
        if (!all.isEmpty()) {
            throw new ConfigException(sourceName, inDocumentOrder(all, root));
        }
        if (!loader.unusedKeys.isEmpty()) {
            LOG.warn("{}: these settings are accepted but have no effect: {}", sourceName,
                    String.join(", ", loader.unusedKeys));
        }
        holidayWarnings(config).forEach(w -> LOG.warn("{}: {}", sourceName, w));
        return config;
    }

    /**
     * Holiday settings that cannot act: a {@code holiday_activity_factor} below 1 without {@code time_zones}, or
     * with a zone whose country has no public holiday calendar.
     */
    static List<String> holidayWarnings(SimulationConfig config) {
        List<String> warnings = new ArrayList<>();
        dev.synth.time.ZoneCountries countries =
                dev.synth.time.ZoneCountries.tzdb().withOverrides(config.global().timeZoneCountries());
        for (ProfileConfig p : config.profiles().values()) {
            if (p.holidayActivityFactor() >= 1) {
                continue;
            }
            String path = "users.profiles." + p.name();
            if (!p.usesLocalTime()) {
                warnings.add(path + ".holiday_activity_factor has no effect without time_zones (users live on UTC)");
            }
            for (String zone : p.timeZones().keySet()) {
                String country = countries.countryOf(zone).orElse("");
                if (!dev.synth.time.PublicHolidays.jollyday().hasCalendar(country)) {
                    warnings.add(path + ".time_zones." + zone + ": " + (country.isEmpty()
                            ? "the zone has no country (set one in global.time_zone_countries)"
                            : "no public holiday calendar for its country " + country)
                            + ", so holiday_activity_factor does not apply to its users");
                }
            }
        }
        return warnings;
    }

    /**
     * Every key the loader accepts, as a dotted path with placeholders for names: {@code <name>} for a profile,
     * {@code <type>} for an event type or a catalog type (e.g.
     * {@code users.profiles.<name>.nudges.bonus_session_count}, {@code catalogs.<type>.target_count}). Found by
     * loading a document that opens every section and recording the keys each section asks for, so it is the
     * loader's own list, not a copy. The README's configuration reference is checked against it.
     */
    static java.util.SortedSet<String> acceptedKeys() {
        String everySection = """
                global: {}
                users:
                  population: {}
                  profiles:
                    default:
                      session_engagement: {}
                      purchase_engagement: {}
                      nudges: {engagement_effect: {}}
                      events: {page: {}}
                      behaviour: {schedule: {}, purchase: {}}
                    other: {}
                catalogs: {default: {}, app: {}}
                """;
        Set<String> asked = new HashSet<>();
        YamlSection.ASKED.set(asked);
        try {
            new YamlConfigLoader().bind(MAPPER.readTree(everySection), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            YamlSection.ASKED.remove();
        }
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        for (String path : asked) {
            keys.add(path.replaceFirst("^users\\.profiles\\.(default|other)\\.", "users.profiles.<name>.")
                    .replaceFirst("\\.events\\.page\\.", ".events.<type>.")
                    .replaceFirst("^catalogs\\.[a-z_]+\\.", "catalogs.<type>."));
        }
        return keys;
    }

    private static ConfigProblem syntaxProblem(JsonProcessingException e, String text) {
        JsonLocation at = e.getLocation();
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Malformed numeric value") && at != null && at.getLineNr() >= 1) {
            // YAML's .nan / .inf: a number no setting accepts; name the key, as for any other bad value
            String key = keyPathAt(text, at.getLineNr());
            String value = original.substring(original.indexOf('\'') + 1, Math.max(original.indexOf('\''),
                    original.lastIndexOf('\'')));
            if (key != null) {
                return new ConfigProblem(key, value, "must be a finite number");
            }
        }
        String where = at == null || at.getLineNr() < 1 ? "(document)"
                : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        String reason = e.getOriginalMessage();
        if (reason != null && reason.startsWith("Duplicate field '")) {
            reason = "duplicate key '" + reason.substring(17, reason.indexOf('\'', 17)) + "'";
        } else if (reason != null) {
            // SnakeYAML messages repeat the location and quote the line; keep only the explanation lines.
            String explanation = reason.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .collect(Collectors.joining(": "));
            reason = explanation.isEmpty() ? reason.trim() : explanation;
        }
        return new ConfigProblem(where, null, "is not valid YAML: " + reason);
    }

    /**
     * The dotted key path of the block-mapping key on line {@code lineNr} (1-based), from the indentation of the
     * lines above it; null when the line holds no {@code key:}.
     */
    static String keyPathAt(String text, int lineNr) {
        List<String> lines = text.lines().toList();
        if (lineNr > lines.size()) {
            return null;
        }
        java.util.Deque<String> path = new java.util.ArrayDeque<>();
        int indent = Integer.MAX_VALUE;
        for (int i = lineNr - 1; i >= 0 && indent > 0; i--) {
            String line = lines.get(i);
            String trimmed = line.stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("-")) {
                continue;
            }
            int own = line.length() - trimmed.length();
            int colon = trimmed.indexOf(':');
            if (own < indent && colon > 0) {
                path.addFirst(trimmed.substring(0, colon).trim().replace("\"", "").replace("'", ""));
                indent = own;
            } else if (i == lineNr - 1) {
                return null;
            }
        }
        return String.join(".", path);
    }

    /**
     * The tree model reads an alias as the anchor's name, silently; report every alias instead (the document has
     * already been parsed successfully once).
     */
    private static List<ConfigProblem> aliases(String text) {
        List<ConfigProblem> found = new ArrayList<>();
        if (text.indexOf('*') < 0) {
            return found;
        }
        try (JsonParser parser = MAPPER.createParser(text)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    JsonLocation at = parser.currentLocation();
                    found.add(new ConfigProblem("line " + at.getLineNr() + ", column " + at.getColumnNr(),
                            null, "uses the alias *" + parser.getText() + ", but YAML anchors and aliases are not "
                            + "supported; share settings through the default profile or catalogs.default instead"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    // --- whole document ---------------------------------------------------------------------------------------

    private SimulationConfig bind(JsonNode root, Path sourceFile) {
        SimulationConfig.Builder builder = SimulationConfig.builder().sourceFile(sourceFile);
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            problems.add(YamlSection.typeProblem("(document)", root, "a mapping with global and users sections"));
            return builder.build();
        }
        // Other top-level sections are ignored (reference 2.1).
        JsonNode global = root.get("global");
        builder.global(bindGlobal(YamlSection.of(global, "global", "global", problems)));

        JsonNode users = root.get("users");
        if (users == null || users.isNull()) {
            problems.add(new ConfigProblem("users", null, "is required, with its population and profiles sections"));
        } else if (!users.isObject()) {
            problems.add(YamlSection.typeProblem("users", users, "a mapping with population and profiles sections"));
        } else {
            YamlSection u = YamlSection.of(users, "users", "users", problems);
            if (u.take("max_session_length_minutes") != null) {
                unusedKeys.add("users.max_session_length_minutes");
            }
            JsonNode population = u.take("population");
            if (population == null) {
                problems.add(new ConfigProblem("users.population", null, "is required"));
            } else {
                builder.population(bindPopulation(YamlSection.of(population, "users.population", "population",
                        problems)));
            }
            JsonNode profiles = u.take("profiles");
            if (profiles == null) {
                problems.add(new ConfigProblem("users.profiles", null, "is required"));
            } else {
                bindProfiles(YamlSection.of(profiles, "users.profiles", "profiles", problems)).forEach(
                        builder::addProfile);
            }
            u.finish();
        }
        bindCatalogs(root.get("catalogs")).forEach(builder::catalog);
        return builder.build();
    }

    private GlobalConfig bindGlobal(YamlSection s) {
        GlobalConfig.Builder b = GlobalConfig.builder();
        s.string("env", b::env);
        if (s.has("env")) {
            unusedKeys.add("global.env");
        }
        s.string("api_url", b::apiUrl);
        s.string("api_key", b::apiKey);
        s.bool("notify", b::notifyEnabled);
        if (s.has("notify")) {
            unusedKeys.add("global.notify (notifications are SimulationListeners registered in Java, D28)");
        }
        s.string("simulation_profile", b::simulationProfile);
        s.string("organisation", b::organisation);
        s.string("project", b::project);
        s.stringList("sink_types", b::sinkTypes);
        s.timestamp("start_ts", false, b::startTs);
        s.timestamp("end_ts", true, b::endTs);
        b.dbUri(GlobalConfig.DEFAULT_DB_URI); // a file beside the configuration; built in Java: in memory
        s.string("db_uri", b::dbUri);
        s.optionalString("log_events_filename", b::logEventsFilename);
        s.optionalString("catalog_events_filename", b::catalogEventsFilename);
        s.bool("filter_log_events_for_csv", b::filterLogEventsForCsv);
        s.bool("randomise_registration_times", b::randomiseRegistrationTimes);
        s.bool("manage_population_counts_per_profile", b::managePopulationCountsPerProfile);
        s.number("rating_probability", b::ratingProbability);
        s.bool("use_nudges", b::useNudges);
        s.bool("use_promotions", b::usePromotions);
        s.integer("artificial_nudge_min_registration_delay_days", b::artificialNudgeMinRegistrationDelayDays);
        s.bool("cache_logs_on_failure", b::cacheLogsOnFailure);
        if (s.has("cache_logs_on_failure")) {
            unusedKeys.add("global.cache_logs_on_failure (a step whose output fails is never committed and is redone"
                    + " by the next run, D8)");
        }
        JsonNode seed = s.take("seed");
        if (seed != null && !seed.isNull()) {
            Long value = s.toLong(seed, s.path("seed"));
            if (value != null) {
                b.seed(value);
            }
        }
        s.string("catalog_directory", b::catalogDirectory);
        s.integer("shards", b::shards);
        s.optionalString("output_dir", b::outputDir);
        s.freeForm("outputs", b::outputs);
        s.stringMap("time_zone_countries", b::timeZoneCountries);
        s.finish();
        return b.build();
    }

    private static PopulationConfig bindPopulation(YamlSection s) {
        PopulationConfig.Builder b = PopulationConfig.builder();
        s.integer("initial_count", b::initialCount);
        s.integer("target_min_count", b::targetMinCount);
        s.integer("target_max_count", b::targetMaxCount);
        s.number("volatility", b::volatility);
        s.number("resurrection_probability", b::resurrectionProbability);
        s.number("inactive_nudge_check_ratio_per_hour", b::inactiveNudgeCheckRatioPerHour);
        s.bool("prune_oldest_registered_users", b::pruneOldestRegisteredUsers);
        s.finish();
        return b.build();
    }

    // --- profiles ---------------------------------------------------------------------------------------------

    /** Keys the reference accepts but never uses (D27): accepted here with one WARN line naming them. */
    private static final List<String> UNUSED_PROFILE_KEYS = List.of("session_event_type_changes_min",
            "session_event_type_changes_max");

    private void noteUnusedProfileKeys(String path, JsonNode own) {
        if (own == null || !own.isObject()) {
            return;
        }
        for (String key : UNUSED_PROFILE_KEYS) {
            if (own.has(key)) {
                unusedKeys.add(path + "." + key);
            }
        }
    }

    private List<ProfileConfig> bindProfiles(YamlSection profiles) {
        Map<String, JsonNode> raw = new TreeMap<>();
        profiles.entries(raw::put);
        String defaultPath = profiles.path(SimulationConfig.DEFAULT_NAME);
        JsonNode defaultRaw = raw.remove(SimulationConfig.DEFAULT_NAME);
        // Check the default profile's own keys where they are written; its values reach the others by merging.
        bindProfile(SimulationConfig.DEFAULT_NAME, defaultRaw, defaultPath, problems);
        noteUnusedProfileKeys(defaultPath, defaultRaw);
        ObjectNode base = expandEventDefaults(defaultRaw, defaultPath);
        defaultProfileTree = base;

        List<ProfileConfig> result = new ArrayList<>();
        raw.forEach((name, own) -> {
            String path = profiles.path(name);
            ownProfileTrees.put(name, own);
            bindProfile(name, own, path, problems);
            noteUnusedProfileKeys(path, own);
            ObjectNode merged = base.deepCopy();
            merge(merged, expandEventDefaults(own, path), "", REPLACED_IN_PROFILES);
            // Type problems of the merged tree were all reported above, where they were written.
            result.add(bindProfile(name, merged, path, new ArrayList<>()));
        });
        return result;
    }

    private static ProfileConfig bindProfile(String name, JsonNode tree, String path, List<ConfigProblem> sink) {
        ProfileConfig.Builder b = ProfileConfig.builder(name);
        YamlSection s = YamlSection.of(tree, path, "profile", sink);
        s.string("user_type", b::userType);
        s.number("occurrence_probability", b::occurrenceProbability);
        s.integer("session_min_count", b::sessionMinCount);
        s.integer("session_max_count", b::sessionMaxCount);
        s.integer("session_length_min_seconds", b::sessionLengthMinSeconds);
        s.integer("session_length_max_seconds", b::sessionLengthMaxSeconds);
        s.integer("session_event_type_changes_min", b::sessionEventTypeChangesMin);
        s.integer("session_event_type_changes_max", b::sessionEventTypeChangesMax);
        s.doubleList("session_hourly_start_probabilities", b::sessionHourlyStartProbabilities);
        s.doubleList("session_day_of_week_probabilities", b::sessionDayOfWeekProbabilities);
        s.string("product_user_type", v -> ProductUserType.fromConfigName(v).ifPresentOrElse(b::productUserType,
                () -> s.problem("product_user_type", v, "must be web or mobile")));
        s.number("background_per_minute_probability", b::backgroundPerMinuteProbability);
        s.number("online_probability", b::onlineProbability);
        s.section("session_engagement", "engagement", e -> b.sessionEngagement(bindEngagement(e)));
        s.number("session_engagement_count_factor", b::sessionEngagementCountFactor);
        s.number("session_engagement_duration_factor", b::sessionEngagementDurationFactor);
        s.section("purchase_engagement", "engagement", e -> b.purchaseEngagement(bindEngagement(e)));
        s.section("nudges", "nudges", n -> b.nudges(bindNudges(n)));
        s.section("events", "events", events -> b.events(bindEvents(events)));
        s.weights("event_probabilities", b::eventProbabilities);
        s.section("behaviour", "behaviour", bh -> b.behaviour(bindBehaviour(bh)));
        s.weights("time_zones", b::timeZones);
        s.number("holiday_activity_factor", b::holidayActivityFactor);
        s.freeForm("settings", settings -> b.settings(new Settings(settings)));
        s.finish();
        return b.build();
    }

    private static EngagementConfig bindEngagement(YamlSection s) {
        EngagementConfig.Builder b = EngagementConfig.builder();
        s.number("initial_min", b::initialMin);
        s.number("initial_max", b::initialMax);
        s.number("change_probability", b::changeProbability);
        s.number("boost_probability", b::boostProbability);
        s.number("decay_probability", b::decayProbability);
        s.number("change_min", b::changeMin);
        s.number("change_max", b::changeMax);
        s.finish();
        return b.build();
    }

    private static NudgeConfig bindNudges(YamlSection s) {
        NudgeConfig.Builder b = NudgeConfig.builder();
        s.integer("checks_per_day_min", b::checksPerDayMin);
        s.integer("checks_per_day_max", b::checksPerDayMax);
        s.integer("bonus_session_count", b::bonusSessionCount);
        s.integer("bonus_session_days", b::bonusSessionDays);
        s.weights("response_probabilities", b::responseProbabilities);
        s.section("engagement_effect", "engagement", e -> b.engagementEffect(bindEngagement(e)));
        s.finish();
        return b.build();
    }

    private static Map<String, EventConfig> bindEvents(YamlSection s) {
        Map<String, EventConfig> events = new LinkedHashMap<>();
        s.entries((type, node) -> {
            YamlSection e = s.child(type, node, "event");
            EventConfig[] event = {EventConfig.empty()};
            e.freeForm("properties", props -> event[0] = new EventConfig(props));
            e.finish();
            events.put(type, event[0]);
        });
        return events;
    }

    private static BehaviourConfig bindBehaviour(YamlSection s) {
        BehaviourConfig.Builder b = BehaviourConfig.builder();
        s.number("normal_event_probability", b::normalEventProbability);
        s.section("schedule", "schedule", sc -> {
            ScheduleConfig[] schedule = {ScheduleConfig.defaults()};
            sc.integer("seconds_per_event", v -> schedule[0] = schedule[0].withSecondsPerEvent(v));
            sc.integer("delivery_delay_max_days", v -> schedule[0] = schedule[0].withDeliveryDelayMaxDays(v));
            sc.finish();
            b.schedule(schedule[0]);
        });
        s.section("purchase", "purchase", p -> b.purchase(bindPurchase(p)));
        s.finish();
        return b.build();
    }

    private static PurchaseBehaviourConfig bindPurchase(YamlSection s) {
        PurchaseBehaviourConfig.Builder b = PurchaseBehaviourConfig.builder();
        s.number("initial_account_balance_min", b::initialAccountBalanceMin);
        s.number("initial_account_balance_max", b::initialAccountBalanceMax);
        s.number("top_up_probability", b::topUpProbability);
        s.number("payment_failure_probability_min", b::paymentFailureProbabilityMin);
        s.number("payment_failure_probability_max", b::paymentFailureProbabilityMax);
        s.number("checkout_failure_probability_min", b::checkoutFailureProbabilityMin);
        s.number("checkout_failure_probability_max", b::checkoutFailureProbabilityMax);
        s.number("checkout_urgent_probability_min", b::checkoutUrgentProbabilityMin);
        s.number("checkout_urgent_probability_max", b::checkoutUrgentProbabilityMax);
        s.number("checkout_cancellation_probability_min", b::checkoutCancellationProbabilityMin);
        s.number("checkout_cancellation_probability_max", b::checkoutCancellationProbabilityMax);
        s.number("checkout_promo_probability_min", b::checkoutPromoProbabilityMin);
        s.number("checkout_promo_probability_max", b::checkoutPromoProbabilityMax);
        s.number("interest_catalog_range_min", b::interestCatalogRangeMin);
        s.number("interest_catalog_range_max", b::interestCatalogRangeMax);
        s.number("interest_per_item_min", b::interestPerItemMin);
        s.number("interest_per_item_max", b::interestPerItemMax);
        s.integer("views_required_per_purchase_min", b::viewsRequiredPerPurchaseMin);
        s.integer("views_required_per_purchase_max", b::viewsRequiredPerPurchaseMax);
        s.integer("views_per_session_min", b::viewsPerSessionMin);
        s.integer("views_per_session_max", b::viewsPerSessionMax);
        s.number("impression_ratio", b::impressionRatio);
        s.number("detail_probability", b::detailProbability);
        s.number("favorite_probability", b::favoriteProbability);
        s.number("reminder_probability", b::reminderProbability);
        s.number("auto_reminder_type_probability", b::autoReminderTypeProbability);
        s.integer("purchase_count_per_item_min", b::purchaseCountPerItemMin);
        s.integer("purchase_count_per_item_max", b::purchaseCountPerItemMax);
        s.integer("update_events_per_checkout_min", b::updateEventsPerCheckoutMin);
        s.integer("update_events_per_checkout_max", b::updateEventsPerCheckoutMax);
        s.weights("catalog_type_probabilities", weights -> {
            Map<CatalogType, Double> byType = new LinkedHashMap<>();
            weights.forEach((name, w) -> CatalogType.fromConfigName(name).ifPresentOrElse(
                    t -> byType.put(t, w),
                    () -> s.problem("catalog_type_probabilities." + name, null,
                            "is not a catalog type (shop item types: blood, drug, medical_equipment, oxygen)")));
            b.catalogTypeProbabilities(byType);
        });
        s.finish();
        return b.build();
    }

    // --- catalogs ---------------------------------------------------------------------------------------------

    private Map<CatalogType, CatalogConfig> bindCatalogs(JsonNode catalogs) {
        YamlSection s = YamlSection.of(catalogs, "catalogs", "catalogs", problems);
        Map<String, JsonNode> raw = new LinkedHashMap<>();
        s.entries(raw::put);
        JsonNode defaultRaw = raw.remove(SimulationConfig.DEFAULT_NAME);
        bindCatalog(defaultRaw, s.path(SimulationConfig.DEFAULT_NAME), problems);
        ObjectNode base = asObject(defaultRaw);
        defaultCatalogTree = base;
        raw.forEach((name, own) -> {
            Optional<CatalogType> type = CatalogType.fromConfigName(name);
            if (type.isEmpty()) {
                problems.add(new ConfigProblem(s.path(name), null,
                        "is not a catalog type (one of " + CATALOG_TYPES + ", or default)"));
            } else {
                ownCatalogTrees.put(type.get(), own);
                bindCatalog(own, s.path(name), problems);
            }
        });
        Map<CatalogType, CatalogConfig> result = new EnumMap<>(CatalogType.class);
        for (CatalogType type : CatalogType.values()) {
            ObjectNode merged = base.deepCopy();
            merge(merged, asObject(ownCatalogTrees.get(type)), "", Set.of());
            result.put(type, bindCatalog(merged, "catalogs." + type.configName(), new ArrayList<>()));
        }
        return result;
    }

    private static CatalogConfig bindCatalog(JsonNode tree, String path, List<ConfigProblem> sink) {
        YamlSection s = YamlSection.of(tree, path, "catalog", sink);
        CatalogConfig[] c = {CatalogConfig.defaults()};
        s.integer("target_count", v -> c[0] = c[0].withTargetCount(v));
        s.freeForm("properties", props -> c[0] = new CatalogConfig(c[0].targetCount(), props));
        s.finish();
        return c[0];
    }

    // --- tree merging -----------------------------------------------------------------------------------------

    /** A copy of a mapping node, or an empty mapping for anything else (wrong types are reported elsewhere). */
    private static ObjectNode asObject(JsonNode node) {
        return node != null && node.isObject() ? ((ObjectNode) node).deepCopy()
                : JsonNodeFactory.instance.objectNode();
    }

    /**
     * Merges {@code source} into {@code target}: mappings merge key by key (recursively), except at the relative
     * paths in {@code replaced}; a null value leaves an inherited mapping unchanged; anything else overrides.
     * New keys are appended, so inherited keys keep their order.
     */
    static void merge(ObjectNode target, ObjectNode source, String at, Set<String> replaced) {
        source.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode existing = target.get(key);
            String path = at.isEmpty() ? key : at + "." + key;
            if (existing != null && existing.isObject() && value.isObject() && !replaced.contains(path)) {
                merge((ObjectNode) existing, (ObjectNode) value, path, replaced);
            } else if (existing != null && existing.isObject() && value.isNull()) {
                // an empty section inherits everything
            } else {
                target.set(key, value.deepCopy());
            }
        });
    }

    /**
     * A copy of a profile tree in which the {@code events.default} entry, if any, has been merged into every other
     * event type of the same block and removed. An {@code events.default} with no event type next to it applies
     * to nothing, which the load reports as a setting without effect.
     */
    private ObjectNode expandEventDefaults(JsonNode profile, String path) {
        ObjectNode copy = asObject(profile);
        JsonNode events = copy.get("events");
        if (events == null || !events.isObject() || !events.has(SimulationConfig.DEFAULT_NAME)) {
            return copy;
        }
        if (events.size() == 1) {
            unusedKeys.add(path + ".events." + SimulationConfig.DEFAULT_NAME + " (no event type is listed next to it)");
        }
        ObjectNode eventDefault = asObject(events.get(SimulationConfig.DEFAULT_NAME));
        ObjectNode expanded = JsonNodeFactory.instance.objectNode();
        events.properties().forEach(e -> {
            if (!e.getKey().equals(SimulationConfig.DEFAULT_NAME)) {
                ObjectNode event = eventDefault.deepCopy();
                if (e.getValue().isObject()) {
                    merge(event, (ObjectNode) e.getValue(), "", Set.of());
                } else if (!e.getValue().isNull()) {
                    expanded.set(e.getKey(), e.getValue());
                    return;
                }
                expanded.set(e.getKey(), event);
            }
        });
        copy.set("events", expanded);
        return copy;
    }

    // --- ordering problems ------------------------------------------------------------------------------------

    /**
     * Sorts problems (stably) by where their path, or its closest written ancestor, appears in the document, so
     * that a file's problems read from top to bottom.
     */
    private static List<ConfigProblem> inDocumentOrder(List<ConfigProblem> problems, JsonNode root) {
        Map<String, Integer> positions = new HashMap<>();
        number(root, "", positions);
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(p -> position(p.path(), positions)));
        return sorted;
    }

    private static void number(JsonNode node, String at, Map<String, Integer> positions) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                positions.putIfAbsent(path, positions.size());
                number(e.getValue(), path, positions);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String path = at + "[" + i + "]";
                positions.putIfAbsent(path, positions.size());
                number(node.get(i), path, positions);
            }
        }
    }

    private static int position(String path, Map<String, Integer> positions) {
        String p = path;
        while (!p.isEmpty()) {
            Integer found = positions.get(p);
            if (found != null) {
                return found;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return Integer.MAX_VALUE;
    }

    // --- reporting inherited problems once --------------------------------------------------------------------

    /**
     * Problems found in the merged profiles (or catalogs) that every one of them shares, for a value that all of
     * them inherit from {@code default}, are reported once at the {@code default} path where the value is written.
     */
    private List<ConfigProblem> attributeInherited(List<ConfigProblem> found) {
        List<ConfigProblem> result = attribute(found, "users.profiles.", ownProfileTrees, defaultProfileTree);
        Map<String, JsonNode> catalogTrees = new LinkedHashMap<>();
        for (CatalogType type : CatalogType.values()) {
            catalogTrees.put(type.configName(), ownCatalogTrees.get(type));
        }
        return attribute(result, "catalogs.", catalogTrees, defaultCatalogTree);
    }

    private static List<ConfigProblem> attribute(List<ConfigProblem> found, String prefix,
            Map<String, JsonNode> members, JsonNode base) {
        if (members.isEmpty() || base == null) {
            return found;
        }
        // key: suffix + value + rule -> members reporting it with an inherited value
        Map<List<Object>, Integer> inheritedCount = new LinkedHashMap<>();
        for (ConfigProblem p : found) {
            Map.Entry<String, String> split = split(p.path(), prefix, members);
            if (split != null && has(base, split.getValue()) && !has(members.get(split.getKey()), split.getValue())) {
                inheritedCount.merge(List.of(split.getValue(), String.valueOf(p.value()), p.rule()), 1, Integer::sum);
            }
        }
        List<ConfigProblem> result = new ArrayList<>();
        Set<List<Object>> emitted = new HashSet<>();
        for (ConfigProblem p : found) {
            Map.Entry<String, String> split = split(p.path(), prefix, members);
            if (split != null) {
                List<Object> key = List.of(split.getValue(), String.valueOf(p.value()), p.rule());
                if (inheritedCount.getOrDefault(key, 0) == members.size()) {
                    if (emitted.add(key)) {
                        result.add(new ConfigProblem(prefix + SimulationConfig.DEFAULT_NAME + "." + split.getValue(),
                                p.value(), p.rule()));
                    }
                    continue;
                }
            }
            result.add(p);
        }
        return result;
    }

    /** Splits {@code prefix + member + "." + suffix} into (member, suffix), or null. */
    private static Map.Entry<String, String> split(String path, String prefix, Map<String, JsonNode> members) {
        if (!path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        for (String member : members.keySet()) {
            if (rest.startsWith(member + ".")) {
                return Map.entry(member, rest.substring(member.length() + 1));
            }
        }
        return null;
    }

    /** True when the dotted path (list indexes ignored) exists in the tree. */
    private static boolean has(JsonNode tree, String dotted) {
        JsonNode node = tree;
        for (String part : dotted.replaceAll("\\[\\d+]", "").split("\\.")) {
            if (node == null || !node.isObject()) {
                return false;
            }
            node = node.get(part);
        }
        return node != null;
    }
}
