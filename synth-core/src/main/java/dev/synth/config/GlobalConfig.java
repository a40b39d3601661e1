package dev.synth.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Settings of the whole simulation ({@code global}, reference 2.3). Keys missing from the YAML keep their
 * defaults. Timestamps are UTC instants (D3).
 *
 * <p>The constructor checks only for nulls and copies {@code sinkTypes}; range checks are done by
 * {@link SimulationConfig#validate()}. Optional settings are {@link Optional} / {@link OptionalLong}
 * components so that their accessors say so; the {@link Builder} takes plain values.
 *
 * @param env free-form environment name; accepted for compatibility, has no effect; default {@code "local"}
 * @param apiUrl base URL of the HTTP sink and the nudge backend; default {@code "http://www.test.com"}
 * @param apiKey bearer token sent to the HTTP sink and the nudge backend; default {@code "unknown"}
 * @param notifyEnabled YAML key {@code notify} (a record component cannot be called {@code notify}); accepted for
 *        compatibility and without effect (one WARN line when a YAML file sets it): notifications are
 *        {@link dev.synth.spi.SimulationListener}s registered on the builder, always told (D28); default false
 * @param simulationProfile sub-folder of {@link #catalogDirectory()} holding this simulation's predefined catalogs;
 *        default {@code "acme"}
 * @param organisation organisation part of the simulation's identity (run key, file names, app rating subject);
 *        default {@code "demo"}
 * @param project project part of the simulation's identity; default {@code "demo"}
 * @param sinkTypes names of the event sinks to write to, e.g. {@code csv}, {@code http}, {@code memory}; default
 *        empty (no output)
 * @param startTs simulated start of a first run; default 2020-01-01T00:00:00Z
 * @param endTs simulated stop time; empty means run forever (YAML {@code null}); default 2020-02-01T00:00:00Z
 * @param dbUri database holding the simulation state, resumed by later runs: {@code sqlite:///relative/file},
 *        {@code sqlite:////absolute/file}, {@code postgresql://user:password@host:port/database},
 *        {@code mysql://...} / {@code mariadb://...}, or a JDBC URL; relative SQLite paths are resolved against the
 *        configuration file's folder; {@code sqlite:///:memory:} is a private in-memory store for one run, nothing
 *        kept (D27). Default for a configuration read from YAML: {@value #DEFAULT_DB_URI}, a SQLite file beside
 *        the configuration (needs {@code synth-persistence-jooq} on the classpath; without it the state stays in
 *        memory); default for a configuration built in Java: {@value #IN_MEMORY_DB_URI} (no file appears)
 * @param logEventsFilename CSV file for log events (csv sink); default empty
 * @param catalogEventsFilename CSV file for catalog events (csv sink); default empty
 * @param filterLogEventsForCsv drop the fake nudge responses from the CSV output (D26); default false
 * @param randomiseRegistrationTimes new users register at a random time within the day after the step instead of
 *        exactly at it; default false
 * @param managePopulationCountsPerProfile choose new users' profiles by how far each profile is below its share
 *        instead of by plain occurrence weights; default false
 * @param ratingProbability chance of a rating after a session, media item, exam or delivery; default 0.01
 * @param useNudges enable nudge checks, responses, bonus sessions and nudge-based resurrection; default false
 * @param usePromotions enable promotion catalogs and promotions at checkout; default false
 * @param artificialNudgeMinRegistrationDelayDays users get nudge checks only once registered for at least this many
 *        days; default 7
 * @param cacheLogsOnFailure accepted for compatibility and without effect (one WARN line when a YAML file sets
 *        it): synth always behaves as the reference does with {@code true} - a step whose output fails is never
 *        committed and the next run writes it again (D8); default true
 * @param seed master seed of every random draw (D1); when empty a seed is drawn once and stored with the run;
 *        default empty
 * @param catalogDirectory folder holding predefined catalogs as {@code <simulation_profile>/<catalog type>.csv}; a
 *        relative path is resolved against the YAML file's folder (see {@link
 *        SimulationConfig#catalogDirectory()}); default {@code "data/catalog"}
 * @param shards number of independent sub-populations the users are split into (see {@link
 *        PopulationConfig#forShard(int, int)}); each shard can be simulated on its own thread; the output is
 *        deterministic for a given (configuration, seed, shards); default 1
 * @param outputDir folder of every file output: when set, each file sink ({@code csv}, {@code jsonl},
 *        {@code parquet}) writes its default file names there instead of its configured files; relative to the
 *        configuration file's folder; default empty (the command line's {@code run --output-dir} sets it)
 * @param outputs settings of each sink type, by type name ({@code outputs.jsonl.compression: gzip}): free-form
 *        mappings that the sink providers read and check (see {@link dev.synth.spi.SinkSettings}); default empty
 * @param timeZoneCountries overrides and additions to the zone-to-country table ({@link
 *        dev.synth.time.ZoneCountries}): time zone id to ISO 3166-1 alpha-2 country code, e.g. {@code Etc/GMT-3: SA};
 *        used for the user catalog's {@code country} and public holidays of profiles with {@code time_zones};
 *        default empty
 */
public record GlobalConfig(
        String env,
        String apiUrl,
        String apiKey,
        boolean notifyEnabled,
        String simulationProfile,
        String organisation,
        String project,
        List<String> sinkTypes,
        Instant startTs,
        Optional<Instant> endTs,
        String dbUri,
        Optional<String> logEventsFilename,
        Optional<String> catalogEventsFilename,
        boolean filterLogEventsForCsv,
        boolean randomiseRegistrationTimes,
        boolean managePopulationCountsPerProfile,
        double ratingProbability,
        boolean useNudges,
        boolean usePromotions,
        int artificialNudgeMinRegistrationDelayDays,
        boolean cacheLogsOnFailure,
        OptionalLong seed,
        String catalogDirectory,
        int shards,
        Optional<String> outputDir,
        Map<String, Object> outputs,
        Map<String, String> timeZoneCountries) {

    /** The default simulated start: 2020-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START_TS = Instant.parse("2020-01-01T00:00:00Z");
    /** The default simulated stop: 2020-02-01T00:00:00Z. */
    public static final Instant DEFAULT_END_TS = Instant.parse("2020-02-01T00:00:00Z");

    /** The default {@code db_uri}: a SQLite file {@code synth.sqlite} beside the configuration file (D27). */
    public static final String DEFAULT_DB_URI = "sqlite:///synth.sqlite";

    /**
     * The {@code db_uri} of a private in-memory store, nothing kept (D27); the default of a configuration built
     * in Java, which has no folder to put a file in.
     */
    public static final String IN_MEMORY_DB_URI = "sqlite:///:memory:";

    private static final GlobalConfig DEFAULTS = new GlobalConfig("local", "http://www.test.com", "unknown", false,
            "acme", "demo", "demo", List.of(), DEFAULT_START_TS, Optional.of(DEFAULT_END_TS), IN_MEMORY_DB_URI,
            Optional.empty(), Optional.empty(), false, false, false, 0.01, false, false, 7, true, OptionalLong.empty(),
            "data/catalog", 1, Optional.empty(), Map.of(), Map.of());

    public GlobalConfig {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(simulationProfile, "simulationProfile");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(project, "project");
        sinkTypes = List.copyOf(sinkTypes);
        Objects.requireNonNull(startTs, "startTs");
        Objects.requireNonNull(endTs, "endTs");
        Objects.requireNonNull(dbUri, "dbUri");
        Objects.requireNonNull(logEventsFilename, "logEventsFilename");
        Objects.requireNonNull(catalogEventsFilename, "catalogEventsFilename");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(catalogDirectory, "catalogDirectory");
        Objects.requireNonNull(outputDir, "outputDir");
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        timeZoneCountries = ConfigValues.orderedCopy(timeZoneCountries, "timeZoneCountries");
    }

    /** All defaults. */
    public static GlobalConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link GlobalConfig}; not thread-safe. */
    public static final class Builder {
        private String env;
        private String apiUrl;
        private String apiKey;
        private boolean notifyEnabled;
        private String simulationProfile;
        private String organisation;
        private String project;
        private List<String> sinkTypes;
        private Instant startTs;
        private Optional<Instant> endTs;
        private String dbUri;
        private Optional<String> logEventsFilename;
        private Optional<String> catalogEventsFilename;
        private boolean filterLogEventsForCsv;
        private boolean randomiseRegistrationTimes;
        private boolean managePopulationCountsPerProfile;
        private double ratingProbability;
        private boolean useNudges;
        private boolean usePromotions;
        private int artificialNudgeMinRegistrationDelayDays;
        private boolean cacheLogsOnFailure;
        private OptionalLong seed;
        private String catalogDirectory;
        private int shards;
        private Optional<String> outputDir;
        private Map<String, Object> outputs;
        private Map<String, String> timeZoneCountries;

        private Builder(GlobalConfig c) {
            env = c.env;
            apiUrl = c.apiUrl;
            apiKey = c.apiKey;
            notifyEnabled = c.notifyEnabled;
            simulationProfile = c.simulationProfile;
            organisation = c.organisation;
            project = c.project;
            sinkTypes = new ArrayList<>(c.sinkTypes);
            startTs = c.startTs;
            endTs = c.endTs;
            dbUri = c.dbUri;
            logEventsFilename = c.logEventsFilename;
            catalogEventsFilename = c.catalogEventsFilename;
            filterLogEventsForCsv = c.filterLogEventsForCsv;
            randomiseRegistrationTimes = c.randomiseRegistrationTimes;
            managePopulationCountsPerProfile = c.managePopulationCountsPerProfile;
            ratingProbability = c.ratingProbability;
            useNudges = c.useNudges;
            usePromotions = c.usePromotions;
            artificialNudgeMinRegistrationDelayDays = c.artificialNudgeMinRegistrationDelayDays;
            cacheLogsOnFailure = c.cacheLogsOnFailure;
            seed = c.seed;
            catalogDirectory = c.catalogDirectory;
            shards = c.shards;
            outputDir = c.outputDir;
            outputs = new LinkedHashMap<>(c.outputs);
            timeZoneCountries = new LinkedHashMap<>(c.timeZoneCountries);
        }

        public Builder env(String value) {
            env = Objects.requireNonNull(value, "env");
            return this;
        }

        public Builder apiUrl(String value) {
            apiUrl = Objects.requireNonNull(value, "apiUrl");
            return this;
        }

        public Builder apiKey(String value) {
            apiKey = Objects.requireNonNull(value, "apiKey");
            return this;
        }

        public Builder notifyEnabled(boolean value) {
            notifyEnabled = value;
            return this;
        }

        public Builder simulationProfile(String value) {
            simulationProfile = Objects.requireNonNull(value, "simulationProfile");
            return this;
        }

        public Builder organisation(String value) {
            organisation = Objects.requireNonNull(value, "organisation");
            return this;
        }

        public Builder project(String value) {
            project = Objects.requireNonNull(value, "project");
            return this;
        }

        /** Replaces the sink names. */
        public Builder sinkTypes(List<String> value) {
            sinkTypes = new ArrayList<>(Objects.requireNonNull(value, "sinkTypes"));
            return this;
        }

        /** Adds one sink name. */
        public Builder addSinkType(String value) {
            sinkTypes.add(Objects.requireNonNull(value, "sinkType"));
            return this;
        }

        public Builder startTs(Instant value) {
            startTs = Objects.requireNonNull(value, "startTs");
            return this;
        }

        /** The simulated stop time; {@code null} means run forever. */
        public Builder endTs(Instant value) {
            endTs = Optional.ofNullable(value);
            return this;
        }

        public Builder dbUri(String value) {
            dbUri = Objects.requireNonNull(value, "dbUri");
            return this;
        }

        /** The log event CSV file; {@code null} means none. */
        public Builder logEventsFilename(String value) {
            logEventsFilename = Optional.ofNullable(value);
            return this;
        }

        /** The catalog event CSV file; {@code null} means none. */
        public Builder catalogEventsFilename(String value) {
            catalogEventsFilename = Optional.ofNullable(value);
            return this;
        }

        public Builder filterLogEventsForCsv(boolean value) {
            filterLogEventsForCsv = value;
            return this;
        }

        public Builder randomiseRegistrationTimes(boolean value) {
            randomiseRegistrationTimes = value;
            return this;
        }

        public Builder managePopulationCountsPerProfile(boolean value) {
            managePopulationCountsPerProfile = value;
            return this;
        }

        public Builder ratingProbability(double value) {
            ratingProbability = value;
            return this;
        }

        public Builder useNudges(boolean value) {
            useNudges = value;
            return this;
        }

        public Builder usePromotions(boolean value) {
            usePromotions = value;
            return this;
        }

        public Builder artificialNudgeMinRegistrationDelayDays(int value) {
            artificialNudgeMinRegistrationDelayDays = value;
            return this;
        }

        public Builder cacheLogsOnFailure(boolean value) {
            cacheLogsOnFailure = value;
            return this;
        }

        /** The master seed. */
        public Builder seed(long value) {
            seed = OptionalLong.of(value);
            return this;
        }

        /** No configured seed: one is drawn once per run and stored with it. */
        public Builder noSeed() {
            seed = OptionalLong.empty();
            return this;
        }

        public Builder catalogDirectory(String value) {
            catalogDirectory = Objects.requireNonNull(value, "catalogDirectory");
            return this;
        }

        /** Number of sub-populations (shards); see {@link GlobalConfig#shards()}. */
        public Builder shards(int value) {
            shards = value;
            return this;
        }

        /** The folder of every file output; {@code null} means none (each sink's own files). */
        public Builder outputDir(String value) {
            outputDir = Optional.ofNullable(value);
            return this;
        }

        /** Replaces the settings of all sink types. */
        public Builder outputs(Map<String, Object> value) {
            outputs = new LinkedHashMap<>(Objects.requireNonNull(value, "outputs"));
            return this;
        }

        /** Sets the settings of one sink type, e.g. {@code output("jsonl", Map.of("compression", "gzip"))}. */
        public Builder output(String sinkType, Map<String, Object> settings) {
            outputs.put(Objects.requireNonNull(sinkType, "sinkType"), new LinkedHashMap<>(settings));
            return this;
        }

        /** Replaces the overrides of the zone-to-country table (zone id to ISO 3166-1 alpha-2 code). */
        public Builder timeZoneCountries(Map<String, String> value) {
            timeZoneCountries = ConfigValues.stableCopy(value, "timeZoneCountries");
            return this;
        }

        /** Puts one zone in a country, overriding the table. */
        public Builder timeZoneCountry(String zoneId, String country) {
            timeZoneCountries.put(Objects.requireNonNull(zoneId, "zoneId"), Objects.requireNonNull(country, "country"));
            return this;
        }

        public GlobalConfig build() {
            return new GlobalConfig(env, apiUrl, apiKey, notifyEnabled, simulationProfile, organisation, project,
                    sinkTypes, startTs, endTs, dbUri, logEventsFilename, catalogEventsFilename, filterLogEventsForCsv,
                    randomiseRegistrationTimes, managePopulationCountsPerProfile, ratingProbability, useNudges,
                    usePromotions, artificialNudgeMinRegistrationDelayDays, cacheLogsOnFailure, seed,
                    catalogDirectory, shards, outputDir, outputs, timeZoneCountries);
        }
    }
}
