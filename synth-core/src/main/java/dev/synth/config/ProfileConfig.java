package dev.synth.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One user profile ({@code users.profiles.<name>}, reference 2.5): how users of this kind are chosen, when and how
 * long they are active, and what they do. A profile loaded from YAML is the {@code default} profile with the
 * profile's own keys merged on top (see {@link SimulationConfig}).
 *
 * <p>The constructor checks only for nulls and copies the collections; range checks are done by
 * {@link SimulationConfig#validate()}, so a builder can build an invalid profile and get every problem listed.
 *
 * @param name the profile's name, its key under {@code users.profiles}
 * @param userType name of the user type that simulates this profile's users: {@code session_engagement}, {@code
 *        purchase_engagement}, {@code event_per_period} or one registered by the host application; default {@code
 *        session_engagement}
 * @param occurrenceProbability relative weight of this profile when a new user is created, in [0, 1]; default 0.0
 * @param sessionMinCount fewest sessions on an engaged day; default 1
 * @param sessionMaxCount most sessions on an engaged day; default 1
 * @param sessionLengthMinSeconds shortest session content; also the shortest time budget of a module or exam block;
 *        default 60
 * @param sessionLengthMaxSeconds longest session content; also the longest module or exam time budget; default 3600
 * @param sessionEventTypeChangesMin accepted for compatibility; only validated; default 0
 * @param sessionEventTypeChangesMax accepted for compatibility; only validated; default 3
 * @param sessionHourlyStartProbabilities relative weight of each hour of the day (0-23; UTC, or the
 *        user's local hour when {@code timeZones} is set) for session starts and
 *        nudge checks; exactly 24 values; default 24 values of 1/24
 * @param sessionDayOfWeekProbabilities per weekday (Monday first; UTC, or the user's local weekday when
 *        {@code timeZones} is set), probability that sessions are allowed that
 *        day; exactly 7 values; default 7 values of 1.0
 * @param productUserType web or mobile; mobile sessions add app events; default {@link ProductUserType#WEB}
 * @param backgroundPerMinuteProbability mobile only: per-minute chance of backgrounding the app inside a session;
 *        default 0.0
 * @param onlineProbability chance that a session and its events are flagged online; default 0.2
 * @param sessionEngagement daily evolution of session engagement, which drives churn; default {@link
 *        EngagementConfig#defaults()}
 * @param sessionEngagementCountFactor how strongly session engagement scales the random part of the session count
 *        (D22), in [0, 1]; default 0.2
 * @param sessionEngagementDurationFactor how strongly session engagement scales the random part of the session
 *        duration (D22), in [0, 1]; default 0.2
 * @param purchaseEngagement daily evolution of purchase engagement (purchase users); default {@link
 *        EngagementConfig#defaults()}
 * @param nudges nudge checks and responses; default {@link NudgeConfig#defaults()}
 * @param events per content event type settings; keys from {@link EventConfig#EVENT_TYPES}; default empty
 * @param eventProbabilities relative weights of the content event types inside a session, in insertion order
 *        (inherited keys first); keys from {@link EventConfig#EVENT_TYPES}; default empty
 * @param behaviour purchase and schedule settings; default {@link BehaviourConfig#defaults()}
 * @param timeZones where the profile's users live: IANA time zone id (e.g. {@code Asia/Kolkata}) to relative weight,
 *        in insertion order; each new user draws one zone from its own stream. When set, hourly start and weekday
 *        probabilities, "engaged today" and the daily engagement change follow the user's local calendar with
 *        daylight saving, and the user catalog's {@code timezone} and {@code country} are the zone and its country.
 *        Default empty: every user lives on UTC exactly as in the reference (and the catalog keeps the reference's
 *        fixed-offset countries)
 * @param holidayActivityFactor scales the chance of being engaged on a public holiday of the user's country (needs
 *        {@code timeZones}), in [0, 1]; default 1.0 (no effect)
 * @param settings the user type's own settings ({@code settings}), declared and checked by the type (see
 *        {@link UserTypeSchema}); default empty
 */
public record ProfileConfig(
        String name,
        String userType,
        double occurrenceProbability,
        int sessionMinCount,
        int sessionMaxCount,
        int sessionLengthMinSeconds,
        int sessionLengthMaxSeconds,
        int sessionEventTypeChangesMin,
        int sessionEventTypeChangesMax,
        List<Double> sessionHourlyStartProbabilities,
        List<Double> sessionDayOfWeekProbabilities,
        ProductUserType productUserType,
        double backgroundPerMinuteProbability,
        double onlineProbability,
        EngagementConfig sessionEngagement,
        double sessionEngagementCountFactor,
        double sessionEngagementDurationFactor,
        EngagementConfig purchaseEngagement,
        NudgeConfig nudges,
        Map<String, EventConfig> events,
        Map<String, Double> eventProbabilities,
        BehaviourConfig behaviour,
        Map<String, Double> timeZones,
        double holidayActivityFactor,
        Settings settings) {

    /** The default {@link #userType()}. */
    public static final String DEFAULT_USER_TYPE = "session_engagement";

    private static final List<Double> DEFAULT_HOURLY = List.copyOf(Collections.nCopies(24, 1.0 / 24));
    private static final List<Double> DEFAULT_DAY_OF_WEEK = List.copyOf(Collections.nCopies(7, 1.0));

    public ProfileConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userType, "userType");
        sessionHourlyStartProbabilities = List.copyOf(sessionHourlyStartProbabilities);
        sessionDayOfWeekProbabilities = List.copyOf(sessionDayOfWeekProbabilities);
        Objects.requireNonNull(productUserType, "productUserType");
        Objects.requireNonNull(sessionEngagement, "sessionEngagement");
        Objects.requireNonNull(purchaseEngagement, "purchaseEngagement");
        Objects.requireNonNull(nudges, "nudges");
        events = ConfigValues.orderedCopy(events, "events");
        eventProbabilities = ConfigValues.orderedCopy(eventProbabilities, "eventProbabilities");
        Objects.requireNonNull(behaviour, "behaviour");
        timeZones = ConfigValues.orderedCopy(timeZones, "timeZones");
        Objects.requireNonNull(settings, "settings");
    }

    /** A profile with every default and the given name. */
    public static ProfileConfig defaults(String name) {
        return new ProfileConfig(name, DEFAULT_USER_TYPE, 0.0, 1, 1, 60, 3600, 0, 3, DEFAULT_HOURLY,
                DEFAULT_DAY_OF_WEEK, ProductUserType.WEB, 0.0, 0.2, EngagementConfig.defaults(), 0.2, 0.2,
                EngagementConfig.defaults(), NudgeConfig.defaults(), Map.of(), Map.of(), BehaviourConfig.defaults(),
                Map.of(), 1.0, Settings.empty());
    }

    /** A builder starting from the defaults. */
    public static Builder builder(String name) {
        return defaults(name).toBuilder();
    }

    /** A builder starting from this profile; use {@link Builder#name(String)} to derive a new profile. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether {@link #timeZones()} is set, i.e. the profile's users live in local time rather than on UTC. */
    public boolean usesLocalTime() {
        return !timeZones.isEmpty();
    }

    /** The configuration of an event type, or {@link EventConfig#empty()} when the profile has none for it. */
    public EventConfig event(String type) {
        return events.getOrDefault(type, EventConfig.empty());
    }

    /** Builds a {@link ProfileConfig}; not thread-safe. */
    public static final class Builder {
        private String name;
        private String userType;
        private double occurrenceProbability;
        private int sessionMinCount;
        private int sessionMaxCount;
        private int sessionLengthMinSeconds;
        private int sessionLengthMaxSeconds;
        private int sessionEventTypeChangesMin;
        private int sessionEventTypeChangesMax;
        private List<Double> sessionHourlyStartProbabilities;
        private List<Double> sessionDayOfWeekProbabilities;
        private ProductUserType productUserType;
        private double backgroundPerMinuteProbability;
        private double onlineProbability;
        private EngagementConfig sessionEngagement;
        private double sessionEngagementCountFactor;
        private double sessionEngagementDurationFactor;
        private EngagementConfig purchaseEngagement;
        private NudgeConfig nudges;
        private Map<String, EventConfig> events;
        private Map<String, Double> eventProbabilities;
        private BehaviourConfig behaviour;
        private Map<String, Double> timeZones;
        private double holidayActivityFactor;
        private Settings settings;

        private Builder(ProfileConfig c) {
            name = c.name;
            userType = c.userType;
            occurrenceProbability = c.occurrenceProbability;
            sessionMinCount = c.sessionMinCount;
            sessionMaxCount = c.sessionMaxCount;
            sessionLengthMinSeconds = c.sessionLengthMinSeconds;
            sessionLengthMaxSeconds = c.sessionLengthMaxSeconds;
            sessionEventTypeChangesMin = c.sessionEventTypeChangesMin;
            sessionEventTypeChangesMax = c.sessionEventTypeChangesMax;
            sessionHourlyStartProbabilities = new ArrayList<>(c.sessionHourlyStartProbabilities);
            sessionDayOfWeekProbabilities = new ArrayList<>(c.sessionDayOfWeekProbabilities);
            productUserType = c.productUserType;
            backgroundPerMinuteProbability = c.backgroundPerMinuteProbability;
            onlineProbability = c.onlineProbability;
            sessionEngagement = c.sessionEngagement;
            sessionEngagementCountFactor = c.sessionEngagementCountFactor;
            sessionEngagementDurationFactor = c.sessionEngagementDurationFactor;
            purchaseEngagement = c.purchaseEngagement;
            nudges = c.nudges;
            events = new LinkedHashMap<>(c.events);
            eventProbabilities = new LinkedHashMap<>(c.eventProbabilities);
            behaviour = c.behaviour;
            timeZones = new LinkedHashMap<>(c.timeZones);
            holidayActivityFactor = c.holidayActivityFactor;
            settings = c.settings;
        }

        public Builder name(String value) {
            name = Objects.requireNonNull(value, "name");
            return this;
        }

        public Builder userType(String value) {
            userType = Objects.requireNonNull(value, "userType");
            return this;
        }

        public Builder occurrenceProbability(double value) {
            occurrenceProbability = value;
            return this;
        }

        public Builder sessionMinCount(int value) {
            sessionMinCount = value;
            return this;
        }

        public Builder sessionMaxCount(int value) {
            sessionMaxCount = value;
            return this;
        }

        /** Sets both {@code sessionMinCount} and {@code sessionMaxCount}. */
        public Builder sessionCount(int min, int max) {
            return sessionMinCount(min).sessionMaxCount(max);
        }

        public Builder sessionLengthMinSeconds(int value) {
            sessionLengthMinSeconds = value;
            return this;
        }

        public Builder sessionLengthMaxSeconds(int value) {
            sessionLengthMaxSeconds = value;
            return this;
        }

        /** Sets both {@code sessionLengthMinSeconds} and {@code sessionLengthMaxSeconds}. */
        public Builder sessionLengthSeconds(int min, int max) {
            return sessionLengthMinSeconds(min).sessionLengthMaxSeconds(max);
        }

        public Builder sessionEventTypeChangesMin(int value) {
            sessionEventTypeChangesMin = value;
            return this;
        }

        public Builder sessionEventTypeChangesMax(int value) {
            sessionEventTypeChangesMax = value;
            return this;
        }

        public Builder sessionHourlyStartProbabilities(List<Double> value) {
            sessionHourlyStartProbabilities =
                    new ArrayList<>(Objects.requireNonNull(value, "sessionHourlyStartProbabilities"));
            return this;
        }

        public Builder sessionDayOfWeekProbabilities(List<Double> value) {
            sessionDayOfWeekProbabilities =
                    new ArrayList<>(Objects.requireNonNull(value, "sessionDayOfWeekProbabilities"));
            return this;
        }

        /**
         * Sessions start only in the UTC hour 03:00-04:00: every hourly weight is 0 except hour 3, which is 1.0
         * (the reference's {@code configure_early_start}, used by tests).
         */
        public Builder earlyStart() {
            List<Double> hourly = new ArrayList<>(Collections.nCopies(24, 0.0));
            hourly.set(3, 1.0);
            return sessionHourlyStartProbabilities(hourly);
        }

        public Builder productUserType(ProductUserType value) {
            productUserType = Objects.requireNonNull(value, "productUserType");
            return this;
        }

        public Builder backgroundPerMinuteProbability(double value) {
            backgroundPerMinuteProbability = value;
            return this;
        }

        public Builder onlineProbability(double value) {
            onlineProbability = value;
            return this;
        }

        public Builder sessionEngagement(EngagementConfig value) {
            sessionEngagement = Objects.requireNonNull(value, "sessionEngagement");
            return this;
        }

        /** Changes the current {@code sessionEngagement} settings. */
        public Builder sessionEngagement(UnaryOperator<EngagementConfig.Builder> change) {
            return sessionEngagement(change.apply(sessionEngagement.toBuilder()).build());
        }

        public Builder sessionEngagementCountFactor(double value) {
            sessionEngagementCountFactor = value;
            return this;
        }

        public Builder sessionEngagementDurationFactor(double value) {
            sessionEngagementDurationFactor = value;
            return this;
        }

        public Builder purchaseEngagement(EngagementConfig value) {
            purchaseEngagement = Objects.requireNonNull(value, "purchaseEngagement");
            return this;
        }

        /** Changes the current {@code purchaseEngagement} settings. */
        public Builder purchaseEngagement(UnaryOperator<EngagementConfig.Builder> change) {
            return purchaseEngagement(change.apply(purchaseEngagement.toBuilder()).build());
        }

        public Builder nudges(NudgeConfig value) {
            nudges = Objects.requireNonNull(value, "nudges");
            return this;
        }

        /** Changes the current {@code nudges} settings. */
        public Builder nudges(UnaryOperator<NudgeConfig.Builder> change) {
            return nudges(change.apply(nudges.toBuilder()).build());
        }

        /** Replaces all event configurations. */
        public Builder events(Map<String, EventConfig> value) {
            events = ConfigValues.stableCopy(value, "events");
            return this;
        }

        /** Sets the configuration of one event type. */
        public Builder event(String type, EventConfig value) {
            events.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Replaces all event type weights. */
        public Builder eventProbabilities(Map<String, Double> value) {
            eventProbabilities = ConfigValues.stableCopy(value, "eventProbabilities");
            return this;
        }

        /** Adds or replaces the weight of one event type (a new type goes last). */
        public Builder eventProbability(String type, double weight) {
            eventProbabilities.put(Objects.requireNonNull(type, "type"), weight);
            return this;
        }

        public Builder behaviour(BehaviourConfig value) {
            behaviour = Objects.requireNonNull(value, "behaviour");
            return this;
        }

        /** Changes the current {@code behaviour} settings. */
        public Builder behaviour(UnaryOperator<BehaviourConfig.Builder> change) {
            return behaviour(change.apply(behaviour.toBuilder()).build());
        }

        /** Replaces all time zone weights (zone id to weight; empty = UTC as in the reference). */
        public Builder timeZones(Map<String, Double> value) {
            timeZones = ConfigValues.stableCopy(value, "timeZones");
            return this;
        }

        /** Adds or replaces the weight of one time zone (a new zone goes last). */
        public Builder timeZone(String zoneId, double weight) {
            timeZones.put(Objects.requireNonNull(zoneId, "zoneId"), weight);
            return this;
        }

        public Builder holidayActivityFactor(double value) {
            holidayActivityFactor = value;
            return this;
        }

        /** Replaces the user type's own settings. */
        public Builder settings(Settings value) {
            settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Replaces the user type's own settings. */
        public Builder settings(Map<String, ?> value) {
            return settings(Settings.of(value));
        }

        /** Sets one of the user type's own settings. */
        public Builder setting(String key, Object value) {
            return settings(settings.with(key, value));
        }

        public ProfileConfig build() {
            return new ProfileConfig(name, userType, occurrenceProbability, sessionMinCount, sessionMaxCount,
                    sessionLengthMinSeconds, sessionLengthMaxSeconds, sessionEventTypeChangesMin,
                    sessionEventTypeChangesMax, sessionHourlyStartProbabilities, sessionDayOfWeekProbabilities,
                    productUserType, backgroundPerMinuteProbability, onlineProbability, sessionEngagement,
                    sessionEngagementCountFactor, sessionEngagementDurationFactor, purchaseEngagement, nudges, events,
                    eventProbabilities, behaviour, timeZones, holidayActivityFactor, settings);
        }
    }
}
