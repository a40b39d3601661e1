package dev.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.config.ConfigProblem;
import dev.synth.config.GlobalConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.engine.Driver;
import dev.synth.engine.DriverExtension;
import dev.synth.engine.DriverExtensionProvider;
import dev.synth.engine.HeapEstimate;
import dev.synth.event.Micros;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.spi.SimulationListener;
import dev.synth.spi.Sleeper;
import dev.synth.spi.StateStore;
import dev.synth.spi.StateStoreProvider;
import dev.synth.user.UserFactory;
import dev.synth.user.UserTypeProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured simulation of synthetic users: the library's entry point.
 *
 * <pre>{@code
 * SimulationResult result = Simulation.builder()
 *     .config(SimulationConfig.fromYaml(Path.of("example_project.yml")))
 *     .seed(42)
 *     .addSink(CsvEventSink.to(Path.of("out")))
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>{@link #run()} continues the run stored in the state store under the configuration's
 * (organisation, project), or starts it, and simulates until the end time. Each call commits every step
 * atomically with its output (D8), so a run may be stopped and resumed at any time - by calling
 * {@code run()} again, even from another JVM with a persistent store - and the output is the same as one
 * unbroken run with the same seed. Immutable; {@code run()} is not meant to be called concurrently.
 */
public final class Simulation {
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    /** The {@code db_uri} of a private in-memory store (D27). */
    public static final String IN_MEMORY_URI = GlobalConfig.IN_MEMORY_DB_URI;

    private final SimulationConfig config;
    private final Long seed;
    private final Long endOverride;
    private final Map<String, UserFactory> userTypes;
    private final List<EventSink> sinks;
    /** Set on the builder, or null: then each run opens the store {@code db_uri} names and closes it. */
    private final StateStore store;
    private final List<SimulationListener> listeners;
    private final Clock clock;
    private final Sleeper sleeper;
    private final double speedUp;
    private final java.time.Duration onlinePause;
    private final List<DriverExtensionProvider> extensions;
    private volatile boolean stopRequested;
    /** Set by the builder's {@code fresh()}; cleared by the first {@link #run()}. */
    private final java.util.concurrent.atomic.AtomicBoolean fresh;
    private final int threads;
    private final int sliceEvents;
    private final int shard;

    private Simulation(Builder b, SimulationConfig config, List<EventSink> sinks) {
        this.config = config;
        this.seed = b.seed;
        this.endOverride = b.end == null ? null : Micros.of(b.end);
        Map<String, UserFactory> factories = new LinkedHashMap<>();
        b.userTypes.forEach((name, provider) -> factories.put(name, provider.factory()));
        this.userTypes = Map.copyOf(factories);
        this.sinks = List.copyOf(sinks);
        this.store = b.store;
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.speedUp = b.speedUp;
        this.onlinePause = b.onlinePause;
        this.extensions = List.copyOf(b.extensions.values());
        this.fresh = new java.util.concurrent.atomic.AtomicBoolean(b.fresh);
        this.threads = b.threads;
        this.shard = b.shard;
        this.sliceEvents = b.sliceEvents;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration this simulation runs: the builder's, with each profile's {@code settings} completed by
     * the defaults its user type declares.
     */
    public SimulationConfig config() {
        return config;
    }

    /** The sinks events are written to (those added on the builder, or created from {@code sink_types}). */
    public List<EventSink> sinks() {
        return sinks;
    }

    /** The store set on the builder; empty when each run opens (and closes) the one {@code db_uri} names. */
    public java.util.Optional<StateStore> stateStore() {
        return java.util.Optional.ofNullable(store);
    }

    /**
     * Runs until the end time (the builder's {@code end}, else {@code global.end_ts}; with {@code end_ts: null},
     * until {@link #stop()}). While the run is an hour or more behind the wall clock it catches up in 1-hour
     * steps; then it runs live, never releasing an event later than the wall clock. Resumes the stored run
     * if there is one.
     *
     * @throws RunMismatchException when the stored run was started with a configuration that shapes events
     *                              differently (nothing is written)
     * @throws SynthException when a sink, the state store or a user fails; the last committed step stays
     *                        committed and a later call continues from it
     */
    public SimulationResult run() {
        HeapEstimate heap = HeapEstimate.of(config, store instanceof InMemoryStateStore);
        long maxHeap = Runtime.getRuntime().maxMemory();
        String heapProblem = heap.problem(maxHeap);
        if (heapProblem != null && heap.hopeless(maxHeap)) {
            throw new SynthException("not started: " + heapProblem);
        }
        if (heapProblem != null) {
            LOG.warn("{}", heapProblem);
        }
        java.util.function.LongSupplier runSeed = seed != null ? new Driver.RequestedSeed(seed, "the seed override")
                : config.global().seed().isPresent()
                        ? new Driver.RequestedSeed(config.global().seed().getAsLong(), "global.seed")
                        : Simulation::freshSeed;
        StateStore runStore = store != null ? store : openStore(config);
        try {
            stopRequested = false;
            if (fresh.getAndSet(false)) {
                dev.synth.spi.RunKey key = new dev.synth.spi.RunKey(config.global().organisation(),
                        config.global().project());
                LOG.info("{}: starting over (fresh): deleting the stored run; its output files start empty", key);
                runStore.clear(key);
            }
            java.util.OptionalLong requested = seed != null ? java.util.OptionalLong.of(seed) : config.global().seed();
            DriverExtensionProvider.Environment environment =
                    new DriverExtensionProvider.Environment(config, clock, sleeper);
            List<DriverExtension> runExtensions = new ArrayList<>(extensions.size());
            for (DriverExtensionProvider provider : extensions) {
                runExtensions.add(Objects.requireNonNull(provider.create(environment),
                        () -> "extension provider " + provider.name() + " created null"));
            }
            return new Driver(new Driver.Setup(config, runSeed, requested, endOverride, userTypes, sinks, runStore,
                    listeners, runExtensions, clock, sleeper, speedUp, onlinePause, () -> stopRequested,
                    new ObjectMapper(), threads, shard, sliceEvents)).run();
        } finally {
            if (store == null) {
                runStore.close();
            }
        }
    }

    /**
     * What {@link Builder#build()} found worth a warning but not an error: a start beyond the wall clock (a live
     * run then waits for it, releasing nothing), a population that may not fit the JVM's heap. Empty when none.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        Instant now = clock.instant();
        Instant start = config.global().startTs();
        if (start != null && start.isAfter(now.plusSeconds(3600)) && speedUp == 1.0) {
            out.add("global.start_ts " + start + " lies beyond the wall clock (" + now.truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS) + "): a first run waits until then in live mode, releasing"
                    + " no event before its time; Ctrl-C stops it");
        }
        String heap = HeapEstimate.of(config, store instanceof InMemoryStateStore)
                .problem(Runtime.getRuntime().maxMemory());
        if (heap != null) {
            out.add(heap);
        }
        return out;
    }

    /**
     * Asks a running {@link #run()} to stop at the end of the current step; everything up to there is
     * committed (D8) and {@code run()} returns normally. Safe to call from any thread, e.g. a shutdown hook.
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * The store {@code global.db_uri} names: in memory for {@code sqlite:///:memory:}, else from a provider
     * ({@link Builder#build()} has refused a URI no provider handles). The default URI without any provider on
     * the classpath (synth-core alone) keeps the run in memory, with a WARN.
     */
    private static StateStore openStore(SimulationConfig config) {
        String uri = config.global().dbUri();
        if (IN_MEMORY_URI.equals(uri)) {
            return new InMemoryStateStore();
        }
        StateStoreProvider provider = providerFor(uri);
        if (provider == null && GlobalConfig.DEFAULT_DB_URI.equals(uri)) {
            LOG.warn("global.db_uri is the default ({}) but no state store is on the classpath (add"
                    + " synth-persistence-jooq): this run's state is kept in memory only and cannot be resumed", uri);
            return new InMemoryStateStore();
        }
        if (provider == null) {
            throw new ConfigException(config.sourceFile().map(Object::toString).orElse(null), List.of(
                    new ConfigProblem("global.db_uri", Secrets.maskUrl(uri), "is not a database any state store on"
                            + " the classpath handles")));
        }
        return provider.open(uri, config);
    }

    private static StateStoreProvider providerFor(String uri) {
        for (StateStoreProvider provider : ServiceLoader.load(StateStoreProvider.class)) {
            if (provider.supports(uri)) {
                return provider;
            }
        }
        return null;
    }

    /** A seed for a run whose configuration names none (D1): drawn once, then stored with the run. */
    private static long freshSeed() {
        long drawn = new SecureRandom().nextLong();
        LOG.info("no seed configured; drew seed {} (it is stored with the run; set global.seed to repeat it)", drawn);
        return drawn;
    }

    /** Builds a {@link Simulation}; {@link #build()} validates and names every problem. Not thread-safe. */
    public static final class Builder {
        private SimulationConfig config;
        private Long seed;
        private Instant end;
        private final Map<String, UserTypeProvider> userTypes = new LinkedHashMap<>();
        private final List<EventSink> sinks = new ArrayList<>();
        private StateStore store;
        private final List<SimulationListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.threadSleep();
        private double speedUp = 1.0;
        private java.time.Duration onlinePause = java.time.Duration.ofSeconds(5);
        private final Map<String, DriverExtensionProvider> extensions = new LinkedHashMap<>();
        private boolean fresh;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int sliceEvents = 1 << 18;
        private int shard = -1;

        private Builder() {
        }

        /** The configuration (required). */
        public Builder config(SimulationConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The master seed; overrides {@code global.seed}. A stored run keeps its seed (D1): resuming it with
         * another one logs a WARN and uses the stored seed.
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Starts over: the first {@code run()} deletes the stored run of this (organisation, project) and starts
         * it anew; sinks then open with no committed position (the CSV sink truncates its files). Events already
         * delivered elsewhere (HTTP) cannot be recalled. Without it, {@code run()} resumes a stored run, and
         * refuses one started with a different configuration ({@link RunMismatchException}).
         */
        public Builder fresh() {
            this.fresh = true;
            return this;
        }

        /** Where this call of {@code run()} stops; overrides {@code global.end_ts}. */
        public Builder end(Instant end) {
            this.end = Objects.requireNonNull(end, "end");
            return this;
        }

        /** Adds an output. When none is added, the sinks named in {@code global.sink_types} are created. */
        public Builder addSink(EventSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /**
         * Where state is kept between steps and runs. Default: the store {@code global.db_uri} names, through
         * a {@link StateStoreProvider}; {@code sqlite:///:memory:} is a new {@link InMemoryStateStore}.
         */
        public Builder stateStore(StateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder addListener(SimulationListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The wall clock (online mode, wall-time measurement). Default: {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How live mode waits for the wall clock. Default: {@link Sleeper#threadSleep()}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Live mode runs simulated time {@code factor} times faster than the wall clock, from the moment the
         * run starts (or from its stored clock, if that is later). For demos. Default 1 (real time).
         */
        public Builder speedUp(double factor) {
            if (!(factor >= 1.0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("speedUp was " + factor + " but must be a finite number >= 1");
            }
            this.speedUp = factor;
            return this;
        }

        /** Pause between live steps (wall-clock time). Default 5 s, as in the reference. */
        public Builder onlinePause(java.time.Duration pause) {
            if (pause.isNegative()) {
                throw new IllegalArgumentException("onlinePause was " + pause + " but must not be negative");
            }
            this.onlinePause = pause;
            return this;
        }

        /**
         * Adds a driver extension: simulation-wide behaviour such as the built-in order follow-ups or nudges.
         * Extensions listed in {@code META-INF/services/dev.synth.engine.DriverExtensionProvider} are added
         * by {@link #build()}; one added here replaces a discovered one of the same name, at its place.
         * Extensions are called in the order they were added, discovered ones first.
         */
        public Builder addExtension(DriverExtensionProvider provider) {
            Objects.requireNonNull(provider, "provider");
            extensions.put(Objects.requireNonNull(provider.name(), "provider.name()"), provider);
            return this;
        }

        /**
         * How many threads simulate the shards ({@code global.shards}) of a step at once; at most one per shard
         * is used. The output does not depend on it: each step's events are merged in a fixed order (time, then
         * user, then generation order; D5), so the files are byte-identical for every thread count. Writing and
         * committing always run on one more thread. Default: the number of processors.
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads was " + threads + " but must be >= 1");
            }
            this.threads = threads;
            return this;
        }

        /**
         * About how many events a busy step holds at once. A step with more events than this (judged by the one
         * before) is released in slices of its hour, each merged and handed to the sinks as soon as it is ready,
         * and then committed as one step - unless an extension watches the users' part of a step
         * ({@link DriverExtension#watchesUsers}: nudges, shoppers' orders). And a step that changes the records of
         * more than a fifth as many users (a record weighs about five events) has them encoded one by one as the
         * state store writes them, while the simulation waits, instead of all at once. The output does not depend
         * on it; lower it to hold less (each event is some 200 bytes until written), raise it for fewer, larger
         * slices and more overlap of simulating and writing. Default: 262,144.
         */
        public Builder sliceEvents(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("sliceEvents was " + events + " but must be >= 1");
            }
            this.sliceEvents = events;
            return this;
        }

        /**
         * Simulates only shard {@code k} of the {@code global.shards} shards - the seam for running the shards
         * on an external engine (one process, thread or keyed task per shard). Shard {@code k} holds the users
         * with ordinals {@code k, k + S, ...}, its own population walk and its own copy of the driver extensions,
         * which see only its users; catalogs are generated by every shard alike, and the simulation's own catalog
         * events (the catalog entries created at the start, promotions) are written by shard 0 only. So the
         * events of shards {@code 0..S-1}, each run on its own, are together those of the whole run ({@code
         * threads} of one JVM) - provided no extension needs to see other shards' users: the built-in random
         * resurrection ({@code users.population.resurrection_probability > 0}) and nudges ({@code
         * global.use_nudges}) pick among all churned users when the whole run is simulated, but among the
         * shard's own here.
         *
         * <p>Each shard must have its own state store: to advance a shard step by step, keep its
         * {@link dev.synth.spi.RunSnapshot} (e.g. in an {@link InMemoryStateStore}), and call {@link #end} and
         * {@link Simulation#run()} per advance; any split of a shard's run into such advances yields the same
         * events as one unbroken run (D8). Default: all shards.
         */
        public Builder shard(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("shard was " + k + " but must be >= 0");
            }
            this.shard = k;
            return this;
        }

        /**
         * Registers a user type under the name profiles use in {@code user_type}, replacing a discovered (e.g.
         * built-in) one. It declares no settings and uses the content event types; to declare more, register a
         * {@link UserTypeProvider}.
         */
        public Builder registerUserType(String name, UserFactory factory) {
            return registerUserType(UserTypeProvider.of(name, factory));
        }

        /**
         * Registers a user type with what it declares (settings, event types, rules), replacing a discovered one
         * of the same name. Types listed in {@code META-INF/services/dev.synth.user.UserTypeProvider} are added by
         * {@link #build()}.
         */
        public Builder registerUserType(UserTypeProvider provider) {
            Objects.requireNonNull(provider, "provider");
            userTypes.put(Objects.requireNonNull(provider.type(), "provider.type()"), provider);
            return this;
        }

        /**
         * Validates everything and returns the simulation.
         *
         * @throws ConfigException listing every problem of the configuration
         */
        public Simulation build() {
            if (config == null) {
                throw new ConfigException("a configuration is required: call config(...) before build()");
            }
            for (UserTypeProvider provider : ServiceLoader.load(UserTypeProvider.class)) {
                userTypes.putIfAbsent(provider.type(), provider);
            }
            Map<String, DriverExtensionProvider> discovered = new LinkedHashMap<>();
            for (DriverExtensionProvider provider : ServiceLoader.load(DriverExtensionProvider.class)) {
                discovered.putIfAbsent(provider.name(), provider);
            }
            discovered.replaceAll((name, provider) -> extensions.getOrDefault(name, provider));
            extensions.forEach(discovered::putIfAbsent);
            extensions.clear();
            extensions.putAll(discovered);
            Map<String, EventSinkProvider> providers = new LinkedHashMap<>();
            for (EventSinkProvider p : ServiceLoader.load(EventSinkProvider.class)) {
                providers.putIfAbsent(p.type(), p);
            }
            TreeSet<String> sinkTypes = new TreeSet<>(providers.keySet());
            sinkTypes.add("memory");
            List<ConfigProblem> problems = new ArrayList<>(config.validate());
            problems.addAll(config.validateForRun(userTypes.values(), sinks.isEmpty() ? sinkTypes : allNames()));
            if (config.profiles().values().stream().noneMatch(p -> p.occurrenceProbability() > 0)) {
                problems.add(new ConfigProblem("users.profiles", null,
                        "need at least one profile with occurrence_probability > 0"));
            }
            if (shard >= config.global().shards()) {
                problems.add(new ConfigProblem("shard", shard, "must be below global.shards ("
                        + config.global().shards() + ")"));
            }
            if (end != null && !end.isAfter(config.global().startTs()) && config.global().startTs() != null) {
                problems.add(new ConfigProblem("end", end, "must be after global.start_ts"));
            }
            if (!GlobalConfig.defaults().catalogDirectory().equals(config.global().catalogDirectory())
                    && !java.nio.file.Files.isDirectory(config.catalogDirectory())) {
                problems.add(new ConfigProblem("global.catalog_directory", config.global().catalogDirectory(),
                        "must name an existing folder (it resolves to " + config.catalogDirectory() + "); predefined"
                                + " catalogs are read from <catalog_directory>/<simulation_profile>/<type>.csv"));
            }
            List<java.nio.file.Path> databaseFiles = List.of();
            if (store == null) {
                String uri = config.global().dbUri();
                if (!IN_MEMORY_URI.equals(uri)) {
                    StateStoreProvider provider = providerFor(uri);
                    if (provider == null && GlobalConfig.DEFAULT_DB_URI.equals(uri)) {
                        LOG.debug("no state store on the classpath for the default global.db_uri: in memory");
                    } else if (provider == null) {
                        problems.add(new ConfigProblem("global.db_uri", Secrets.maskUrl(uri), "is not a database any"
                                + " state store on the classpath handles: use sqlite:///file.sqlite,"
                                + " postgresql://user:password@host:port/db, mariadb://... or mysql://... (provided by"
                                + " synth-persistence-jooq), or sqlite:///:memory: for a run kept in memory only"));
                    } else {
                        problems.addAll(provider.check(uri, config));
                        databaseFiles = provider.files(uri, config);
                    }
                }
            }
            String source = config.sourceFile().map(Object::toString).orElse(null);
            if (!problems.isEmpty()) {
                throw new ConfigException(source, problems);
            }
            List<EventSink> resolved = new ArrayList<>(sinks);
            if (resolved.isEmpty()) {
                for (String type : config.global().sinkTypes()) {
                    try {
                        resolved.add("memory".equals(type) ? new MemorySink() : providers.get(type).create(config));
                    } catch (ConfigException e) {
                        if (e.problems().isEmpty()) {
                            throw e;
                        }
                        problems.addAll(e.problems());
                    }
                }
                if (resolved.isEmpty() && problems.isEmpty()) {
                    LOG.warn("no sink configured (global.sink_types is empty): events are generated but not written");
                }
            }
            problems.addAll(RunChecks.outputs(config, resolved, databaseFiles));
            if (!problems.isEmpty()) {
                throw new ConfigException(source, problems);
            }
            return new Simulation(this, config.withSettingDefaults(userTypes.values()), resolved);
        }

        private java.util.Set<String> allNames() {
            return new TreeSet<>(config.global().sinkTypes());
        }
    }
}
