package dev.synth.config;

import dev.synth.event.CatalogType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The range and consistency rules of a {@link SimulationConfig} (reference 2.12 plus D27). Every problem is
 * collected; paths use the YAML key names.
 */
final class ConfigValidator {
    /** The most shards a run may have ({@code global.shards}). */
    static final int MAX_SHARDS = 4096;
    /** A day's sessions must fit in half a day (reference 2.12). */
    static final long MAX_SESSION_SECONDS_PER_DAY = 43_200;

    private static final String SHOP_ITEM_TYPES = Arrays.stream(CatalogType.values())
            .filter(CatalogType::isShopItem).map(CatalogType::configName).sorted()
            .collect(Collectors.joining(", "));

    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");

    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigValidator() {
    }

    static List<ConfigProblem> validate(SimulationConfig config) {
        ConfigValidator v = new ConfigValidator();
        v.global(config.global());
        v.population(config.population());
        config.profiles().forEach(v::profile);
        config.catalogs().forEach(v::catalog);
        return List.copyOf(v.problems);
    }

    static List<ConfigProblem> validateForRun(SimulationConfig config,
            Collection<? extends UserTypeSchema> userTypes, Set<String> knownSinkTypes) {
        Objects.requireNonNull(userTypes, "userTypes");
        Objects.requireNonNull(knownSinkTypes, "knownSinkTypes");
        Map<String, UserTypeSchema> schemas = new LinkedHashMap<>();
        for (UserTypeSchema schema : userTypes) {
            schemas.putIfAbsent(schema.type(), schema);
        }
        ConfigValidator v = new ConfigValidator();
        List<String> sinks = config.global().sinkTypes();
        for (int i = 0; i < sinks.size(); i++) {
            if (!knownSinkTypes.contains(sinks.get(i))) {
                v.add("global.sink_types[" + i + "]", sinks.get(i),
                        "is not an available sink type (available: " + sortedList(knownSinkTypes) + ")");
            }
        }
        boolean anyChoosable = false;
        for (ProfileConfig p : config.profiles().values()) {
            String path = "users.profiles." + p.name();
            UserTypeSchema schema = schemas.get(p.userType());
            boolean choosable = p.occurrenceProbability() > 0;
            anyChoosable |= choosable;
            if (schema == null) {
                v.add(path + ".user_type", p.userType(),
                        "is not an available user type (available: " + sortedList(schemas.keySet()) + ")");
                continue;
            }
            v.userType(path, p, schema);
        }
        PopulationConfig pop = config.population();
        boolean createsUsers = pop.initialCount() > 0 || pop.targetMinCount() > 0 || pop.targetMaxCount() > 0;
        if (createsUsers && !anyChoosable) {
            v.add("users.profiles", null, "must contain a profile with occurrence_probability > 0, "
                    + "otherwise no user can be created");
        }
        return List.copyOf(v.problems);
    }

    /**
     * A profile against what its user type declares: its event types (names and property rules), its own
     * settings (known keys, kinds of values, probability and min/max rules), then the type's own checks.
     */
    private void userType(String path, ProfileConfig p, UserTypeSchema schema) {
        Map<String, Map<String, Object>> eventTypes = schema.eventTypes();
        String typeName = "user type " + schema.type();
        if (!schema.readsReferenceProfileKeys()) {
            unreadReferenceKeys(path, p, typeName);
        }
        p.events().forEach((type, event) -> {
            String eventPath = path + ".events." + type;
            if (!eventTypes.containsKey(type)) {
                add(eventPath, null, "is not an event type of " + typeName + " (one of "
                        + sortedList(eventTypes.keySet()) + ")" + YamlSection.suggestion(type, eventTypes.keySet()));
            } else if (!EventConfig.CONTENT_EVENT_TYPES.containsKey(type)) {
                // the content types' properties were checked with the rest of the configuration
                properties(eventPath + ".properties", event.properties(), KnownProperties.numbers(eventTypes.get(type)));
            }
        });
        String weightsPath = path + ".event_probabilities";
        p.eventProbabilities().keySet().stream().filter(type -> !eventTypes.containsKey(type))
                .forEach(type -> add(weightsPath + "." + type, null, "is not an event type of " + typeName
                        + " (one of " + sortedList(eventTypes.keySet()) + ")"
                        + YamlSection.suggestion(type, eventTypes.keySet())));
        int before = problems.size();
        Map<String, Object> declared = schema.settings();
        String settingsPath = path + ".settings";
        p.settings().values().forEach((key, value) -> {
            Object fallback = declared.get(key);
            if (fallback == null) {
                add(settingsPath + "." + key, null, declared.isEmpty() ? "is not a setting: " + typeName
                        + " has none" : "is not a setting of " + typeName + " (one of " + sortedList(declared.keySet())
                        + ")" + YamlSection.suggestion(key, declared.keySet()));
            } else if (!(fallback instanceof Number) && !kind(value).equals(kind(fallback))) {
                // (numbers are checked with the probability and min/max rules below)
                add(settingsPath + "." + key, value, "must be " + kind(fallback));
            }
        });
        properties(settingsPath, p.settings().values(), KnownProperties.numbers(declared));
        ProfileConfig resolved = p.toBuilder().settings(p.settings().withDefaults(declared)).build();
        if (p.occurrenceProbability() > 0 && p.eventProbabilities().isEmpty() && schema.needsEventProbabilities(p)) {
            add(weightsPath, null, "must not be empty: the profile can be chosen "
                    + "(occurrence_probability > 0) and its " + p.userType() + " users generate content events");
        }
        if (problems.size() == before) {
            problems.addAll(schema.validate(resolved, path)); // its settings are all there, of the right kinds
        }
    }

    /** The reference's profile keys that a profile sets (differ from the defaults) although its type reads none. */
    private void unreadReferenceKeys(String path, ProfileConfig p, String typeName) {
        ProfileConfig defaults = ProfileConfig.defaults(p.name());
        for (RecordComponent c : ProfileConfig.class.getRecordComponents()) {
            if (Set.of("name", "userType", "occurrenceProbability", "events", "eventProbabilities", "settings")
                    .contains(c.getName())) {
                continue;
            }
            try {
                Object value = c.getAccessor().invoke(p);
                if (!Objects.equals(value, c.getAccessor().invoke(defaults))) {
                    add(path + "." + snakeCase(c.getName()), null, "has no effect on " + typeName
                            + ", which reads only its own settings");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of a profile", e);
            }
        }
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind of a free-form value, as rules name it. */
    private static String kind(Object value) {
        if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "true or false";
        } else if (value instanceof List<?>) {
            return "a list";
        } else if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        return "a string";
    }

    private static String sortedList(Set<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
    }

    // ---------------------------------------------------------------------------------------------------------

    private void global(GlobalConfig g) {
        notBlank("global.organisation", g.organisation());
        notBlank("global.project", g.project());
        notBlank("global.catalog_directory", g.catalogDirectory());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < g.sinkTypes().size(); i++) {
            String sink = g.sinkTypes().get(i);
            if (sink.isBlank()) {
                add("global.sink_types[" + i + "]", sink, "must not be empty");
            } else if (!seen.add(sink)) {
                add("global.sink_types[" + i + "]", sink, "must not be listed twice");
            }
        }
        g.endTs().ifPresent(end -> {
            if (!end.isAfter(g.startTs())) {
                add("global.end_ts", end, "must be after global.start_ts (" + g.startTs() + ")");
            }
        });
        probability("global.rating_probability", g.ratingProbability());
        atLeast("global.artificial_nudge_min_registration_delay_days", g.artificialNudgeMinRegistrationDelayDays(), 0);
        atLeast("global.shards", g.shards(), 1);
        if (g.shards() > MAX_SHARDS) {
            add("global.shards", g.shards(), "must be <= " + MAX_SHARDS);
        }
        g.timeZoneCountries().forEach((zone, country) -> {
            String path = "global.time_zone_countries." + zone;
            zoneId(path, zone);
            if (!COUNTRY_CODE.matcher(country).matches()) {
                add(path, country, "must be an ISO 3166-1 alpha-2 country code in capitals, such as DE or US");
            }
        });
    }

    private void population(PopulationConfig p) {
        String path = "users.population";
        atLeast(path + ".initial_count", p.initialCount(), 0);
        atLeast(path + ".target_min_count", p.targetMinCount(), 0);
        atLeast(path + ".target_max_count", p.targetMaxCount(), 0);
        probability(path + ".volatility", p.volatility());
        probability(path + ".resurrection_probability", p.resurrectionProbability());
        probability(path + ".inactive_nudge_check_ratio_per_hour", p.inactiveNudgeCheckRatioPerHour());
    }

    private void profile(String key, ProfileConfig p) {
        String path = "users.profiles." + key;
        if (key.equals(SimulationConfig.DEFAULT_NAME)) {
            add(path, null, "is reserved for the base that profiles inherit from and cannot be a profile");
        }
        if (!p.name().equals(key)) {
            add(path + ".name", p.name(), "must equal the profile's key '" + key + "'");
        }
        notBlank(path + ".user_type", p.userType());
        probability(path + ".occurrence_probability", p.occurrenceProbability());

        if (atLeast(path + ".session_min_count", p.sessionMinCount(), 1)) {
            orderedPair(path, "session_min_count", p.sessionMinCount(), "session_max_count", p.sessionMaxCount());
            if ((long) p.sessionMinCount() * p.sessionLengthMinSeconds() <= 0) {
                add(path + ".session_length_min_seconds", p.sessionLengthMinSeconds(),
                        "must be > 0 (session_min_count * session_length_min_seconds must be > 0)");
            }
        }
        orderedPair(path, "session_length_min_seconds", p.sessionLengthMinSeconds(), "session_length_max_seconds",
                p.sessionLengthMaxSeconds());
        if ((long) p.sessionMaxCount() * p.sessionLengthMaxSeconds() > MAX_SESSION_SECONDS_PER_DAY) {
            add(path + ".session_length_max_seconds", p.sessionLengthMaxSeconds(), "times session_max_count ("
                    + p.sessionMaxCount() + ") must be <= " + MAX_SESSION_SECONDS_PER_DAY + " seconds (half a day)");
        }
        if (atLeast(path + ".session_event_type_changes_min", p.sessionEventTypeChangesMin(), 0)) {
            orderedPair(path, "session_event_type_changes_min", p.sessionEventTypeChangesMin(),
                    "session_event_type_changes_max", p.sessionEventTypeChangesMax());
        }

        List<Double> hourly = p.sessionHourlyStartProbabilities();
        String hourlyPath = path + ".session_hourly_start_probabilities";
        if (hourly.size() != 24) {
            add(hourlyPath, hourly, "must have exactly 24 values (one per hour), not " + hourly.size());
        } else if (nonNegativeValues(hourlyPath, hourly) && hourly.stream().allMatch(w -> w == 0)) {
            add(hourlyPath, hourly, "must not be all zero");
        }
        List<Double> weekly = p.sessionDayOfWeekProbabilities();
        String weeklyPath = path + ".session_day_of_week_probabilities";
        if (weekly.size() != 7) {
            add(weeklyPath, weekly, "must have exactly 7 values (Monday to Sunday), not " + weekly.size());
        } else {
            for (int i = 0; i < weekly.size(); i++) {
                probability(weeklyPath + "[" + i + "]", weekly.get(i));
            }
        }

        probability(path + ".background_per_minute_probability", p.backgroundPerMinuteProbability());
        probability(path + ".online_probability", p.onlineProbability());
        probability(path + ".session_engagement_count_factor", p.sessionEngagementCountFactor());
        probability(path + ".session_engagement_duration_factor", p.sessionEngagementDurationFactor());
        engagement(path + ".session_engagement", p.sessionEngagement(), true);
        engagement(path + ".purchase_engagement", p.purchaseEngagement(), true);
        nudges(path + ".nudges", p.nudges());

        // Event type names are checked before a run, against what the profile's user type declares.
        p.events().forEach((type, event) -> {
            if (EventConfig.CONTENT_EVENT_TYPES.containsKey(type)) {
                properties(path + ".events." + type + ".properties", event.properties(), KnownProperties.ofEvent(type));
            }
        });
        String weightsPath = path + ".event_probabilities";
        weights(weightsPath, p.eventProbabilities(), true);
        behaviour(path + ".behaviour", p.behaviour());

        p.timeZones().keySet().forEach(zone -> zoneId(path + ".time_zones." + zone, zone));
        weights(path + ".time_zones", p.timeZones(), true);
        probability(path + ".holiday_activity_factor", p.holidayActivityFactor());
    }

    /** A time zone id that {@code java.time} knows (an IANA id such as Europe/Berlin, or UTC); true when it is. */
    private boolean zoneId(String path, String id) {
        try {
            ZoneId.of(id);
            return true;
        } catch (DateTimeException e) {
            String best = null;
            int bestDistance = 4;
            for (String candidate : ZoneId.getAvailableZoneIds()) {
                int d = YamlSection.editDistance(id, candidate);
                if (d < bestDistance || d == bestDistance && best != null && candidate.compareTo(best) < 0) {
                    best = candidate;
                    bestDistance = d;
                }
            }
            add(path, null, "is not a time zone id known to java.time (an IANA id such as Europe/Berlin, or UTC)"
                    + (best == null ? "" : "; did you mean " + best + "?"));
            return false;
        }
    }

    private void engagement(String path, EngagementConfig e, boolean initialUsed) {
        if (initialUsed) {
            boolean min = probability(path + ".initial_min", e.initialMin());
            boolean max = probability(path + ".initial_max", e.initialMax());
            if (min && max) {
                orderedPair(path, "initial_min", e.initialMin(), "initial_max", e.initialMax());
            }
        }
        probability(path + ".change_probability", e.changeProbability());
        boolean boost = probability(path + ".boost_probability", e.boostProbability());
        boolean decay = probability(path + ".decay_probability", e.decayProbability());
        if (boost && decay && e.changeProbability() > 0 && e.boostProbability() + e.decayProbability() == 0) {
            add(path + ".boost_probability", null,
                    "and decay_probability are both 0, but one must be > 0 when change_probability > 0");
        }
        if (atLeast(path + ".change_min", e.changeMin(), 0)) {
            orderedPair(path, "change_min", e.changeMin(), "change_max", e.changeMax());
        }
    }

    private void nudges(String path, NudgeConfig n) {
        if (atLeast(path + ".checks_per_day_min", n.checksPerDayMin(), 0)) {
            orderedPair(path, "checks_per_day_min", n.checksPerDayMin(), "checks_per_day_max", n.checksPerDayMax());
        }
        atLeast(path + ".bonus_session_count", n.bonusSessionCount(), 0);
        atLeast(path + ".bonus_session_days", n.bonusSessionDays(), 0);
        String weightsPath = path + ".response_probabilities";
        n.responseProbabilities().keySet().stream().filter(k -> !NudgeConfig.RESPONSE_ACTIONS.contains(k))
                .forEach(k -> add(weightsPath + "." + k, null,
                        "is not a nudge response (one of open, discard, block)"));
        weights(weightsPath, n.responseProbabilities(), false);
        engagement(path + ".engagement_effect", n.engagementEffect(), false);
    }

    private void behaviour(String path, BehaviourConfig b) {
        probability(path + ".normal_event_probability", b.normalEventProbability());
        atLeast(path + ".schedule.seconds_per_event", b.schedule().secondsPerEvent(), 1);
        atLeast(path + ".schedule.delivery_delay_max_days", b.schedule().deliveryDelayMaxDays(), 0);
        purchase(path + ".purchase", b.purchase());
    }

    private void purchase(String path, PurchaseBehaviourConfig p) {
        if (atLeast(path + ".initial_account_balance_min", p.initialAccountBalanceMin(), 0)) {
            orderedPair(path, "initial_account_balance_min", p.initialAccountBalanceMin(),
                    "initial_account_balance_max", p.initialAccountBalanceMax());
        }
        probability(path + ".top_up_probability", p.topUpProbability());
        probabilityPair(path, "payment_failure_probability", p.paymentFailureProbabilityMin(),
                p.paymentFailureProbabilityMax());
        probabilityPair(path, "checkout_failure_probability", p.checkoutFailureProbabilityMin(),
                p.checkoutFailureProbabilityMax());
        probabilityPair(path, "checkout_urgent_probability", p.checkoutUrgentProbabilityMin(),
                p.checkoutUrgentProbabilityMax());
        probabilityPair(path, "checkout_cancellation_probability", p.checkoutCancellationProbabilityMin(),
                p.checkoutCancellationProbabilityMax());
        probabilityPair(path, "checkout_promo_probability", p.checkoutPromoProbabilityMin(),
                p.checkoutPromoProbabilityMax());
        probabilityPair(path, "interest_catalog_range", p.interestCatalogRangeMin(), p.interestCatalogRangeMax());
        probabilityPair(path, "interest_per_item", p.interestPerItemMin(), p.interestPerItemMax());
        if (atLeast(path + ".views_required_per_purchase_min", p.viewsRequiredPerPurchaseMin(), 0)) {
            orderedPair(path, "views_required_per_purchase_min", p.viewsRequiredPerPurchaseMin(),
                    "views_required_per_purchase_max", p.viewsRequiredPerPurchaseMax());
        }
        if (atLeast(path + ".views_per_session_min", p.viewsPerSessionMin(), 0)) {
            orderedPair(path, "views_per_session_min", p.viewsPerSessionMin(), "views_per_session_max",
                    p.viewsPerSessionMax());
        }
        atLeast(path + ".impression_ratio", p.impressionRatio(), 0);
        probability(path + ".detail_probability", p.detailProbability());
        probability(path + ".favorite_probability", p.favoriteProbability());
        probability(path + ".reminder_probability", p.reminderProbability());
        probability(path + ".auto_reminder_type_probability", p.autoReminderTypeProbability());
        if (atLeast(path + ".purchase_count_per_item_min", p.purchaseCountPerItemMin(), 1)) {
            orderedPair(path, "purchase_count_per_item_min", p.purchaseCountPerItemMin(),
                    "purchase_count_per_item_max", p.purchaseCountPerItemMax());
        }
        if (atLeast(path + ".update_events_per_checkout_min", p.updateEventsPerCheckoutMin(), 0)) {
            orderedPair(path, "update_events_per_checkout_min", p.updateEventsPerCheckoutMin(),
                    "update_events_per_checkout_max", p.updateEventsPerCheckoutMax());
        }
        String weightsPath = path + ".catalog_type_probabilities";
        p.catalogTypeProbabilities().keySet().stream().filter(t -> !t.isShopItem())
                .forEach(t -> add(weightsPath + "." + t.configName(), null,
                        "is not a shop item type (one of " + SHOP_ITEM_TYPES + ")"));
        weights(weightsPath, p.catalogTypeProbabilities(), false);
    }

    private void catalog(CatalogType type, CatalogConfig c) {
        String path = "catalogs." + type.configName();
        atLeast(path + ".target_count", c.targetCount(), 0);
        properties(path + ".properties", c.properties(), KnownProperties.ofCatalog(type));
    }

    /**
     * Free-form properties: known keys must be non-negative numbers, probabilities lie in [0, 1], and every
     * {@code min} key is at most its {@code max} partner (taking the generator default for a missing side).
     */
    private void properties(String path, Map<String, Object> props, Map<String, Number> defaults) {
        props.forEach((key, value) -> {
            boolean probability = KnownProperties.isProbability(key);
            if (!defaults.containsKey(key) && !probability) {
                return;
            }
            if (!(value instanceof Number n)) {
                add(path + "." + key, value, "must be a number");
            } else if (probability) {
                probability(path + "." + key, n.doubleValue());
            } else if (key.equals("results_per_page_max")) {
                atLeast(path + "." + key, n.doubleValue(), 1);
            } else {
                atLeast(path + "." + key, n.doubleValue(), 0);
            }
        });
        Set<String> keys = new TreeSet<>(props.keySet());
        keys.addAll(defaults.keySet());
        for (String minKey : keys) {
            String maxKey = KnownProperties.maxPartner(minKey);
            if (maxKey == null || !(props.containsKey(minKey) || props.containsKey(maxKey))) {
                continue;
            }
            Object min = props.containsKey(minKey) ? props.get(minKey) : defaults.get(minKey);
            Object max = props.containsKey(maxKey) ? props.get(maxKey) : defaults.get(maxKey);
            if (min instanceof Number lo && max instanceof Number hi && lo.doubleValue() > hi.doubleValue()) {
                if (props.containsKey(minKey)) {
                    add(path + "." + minKey, min, "must be <= " + maxKey + " (" + max
                            + (props.containsKey(maxKey) ? ")" : ", its default)"));
                } else {
                    add(path + "." + maxKey, max, "must be >= " + minKey + " (" + min + ", its default)");
                }
            }
        }
    }

    // --- rule helpers: each returns true when the value passed ------------------------------------------------

    private void add(String path, Object value, String rule) {
        problems.add(new ConfigProblem(path, value, rule));
    }

    private boolean probability(String path, double value) {
        if (value >= 0 && value <= 1) {
            return true;
        }
        add(path, value, "must be between 0 and 1");
        return false;
    }

    private void probabilityPair(String path, String name, double min, double max) {
        boolean lo = probability(path + "." + name + "_min", min);
        boolean hi = probability(path + "." + name + "_max", max);
        if (lo && hi) {
            orderedPair(path, name + "_min", min, name + "_max", max);
        }
    }

    private boolean atLeast(String path, int value, int min) {
        if (value >= min) {
            return true;
        }
        add(path, value, "must be >= " + min);
        return false;
    }

    private boolean atLeast(String path, double value, double min) {
        if (value >= min && Double.isFinite(value)) {
            return true;
        }
        add(path, value, Double.isFinite(value) ? "must be >= " + format(min) : "must be a finite number");
        return false;
    }

    private void orderedPair(String path, String minKey, int min, String maxKey, int max) {
        if (min > max) {
            add(path + "." + minKey, min, "must be <= " + maxKey + " (" + max + ")");
        }
    }

    private void orderedPair(String path, String minKey, double min, String maxKey, double max) {
        if (min > max) {
            add(path + "." + minKey, min, "must be <= " + maxKey + " (" + max + ")");
        }
    }

    private void notBlank(String path, String value) {
        if (value.isBlank()) {
            add(path, value, "must not be empty");
        }
    }

    /** Checks that every weight is a finite number >= 0; true when all are. */
    private boolean nonNegativeValues(String path, List<Double> values) {
        boolean ok = true;
        for (int i = 0; i < values.size(); i++) {
            double w = values.get(i);
            if (!(w >= 0 && Double.isFinite(w))) {
                add(path + "[" + i + "]", w, "must be a finite number >= 0");
                ok = false;
            }
        }
        return ok;
    }

    private void weights(String path, Map<?, Double> weights, boolean emptyAllowed) {
        if (weights.isEmpty()) {
            if (!emptyAllowed) {
                add(path, null, "must not be empty");
            }
            return;
        }
        boolean ok = true;
        for (Map.Entry<?, Double> e : weights.entrySet()) {
            double w = e.getValue();
            if (!(w >= 0 && Double.isFinite(w))) {
                Object key = e.getKey() instanceof CatalogType t ? t.configName() : e.getKey();
                add(path + "." + key, w, "must be a finite number >= 0");
                ok = false;
            }
        }
        if (ok && weights.values().stream().allMatch(w -> w == 0)) {
            add(path, null, "must not be all zero");
        }
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
