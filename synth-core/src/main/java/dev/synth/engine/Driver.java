package dev.synth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synth.SimulationResult;
import dev.synth.StateStoreException;
import dev.synth.catalog.CatalogCache;
import dev.synth.catalog.CatalogItem;
import dev.synth.config.GlobalConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import dev.synth.spi.CatalogRecord;
import dev.synth.spi.EventSink;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import dev.synth.spi.SimulationListener;
import dev.synth.spi.Sleeper;
import dev.synth.spi.StateStore;
import dev.synth.spi.StepCommit;
import dev.synth.spi.UserRecord;
import dev.synth.user.Scheduled;
import dev.synth.user.SimulationContext;
import dev.synth.user.UserFactory;
import dev.synth.user.UserMessage;
import dev.synth.user.UserRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulation loop (reference 1.3, 1.4): one call of {@link #run} loads or starts a run, takes 1-hour
 * steps of simulated time until the end, and commits every step atomically with its output position (D8).
 *
 * <p>Order within a step: population maintenance (add users up to the target, optional pruning); hooks for
 * promotions, nudges and resurrection (other features plug in here); every active user releases what is due
 * before the step's end, generating new schedule windows as needed; driver-owned events due; the step's
 * events sorted by (time, generation order) and written to every sink; churned users moved out; the daily
 * population walk; the clock advanced; sinks committed; state committed.
 *
 * <p>Not thread-safe; one instance per {@link dev.synth.Simulation#run()} call.
 */
public final class Driver {
    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);
    private static final long STEP = Micros.PER_HOUR;
    private static final long PROGRESS_EVERY_MILLIS = 10_000;

    /**
     * Everything a driver needs; assembled and validated by {@link dev.synth.Simulation}. The seed is asked
     * for only on a first run: a resumed run keeps its stored seed (D1).
     */
    public record Setup(SimulationConfig config, java.util.function.LongSupplier seed, Long endOverrideMicros,
            Map<String, UserFactory> userTypes, List<EventSink> sinks, StateStore store,
            List<SimulationListener> listeners, List<DriverExtension> extensions, Clock wallClock,
            Sleeper sleeper, double speedUp, Duration onlinePause, java.util.function.BooleanSupplier stopRequested,
            ObjectMapper mapper) {
    }

    private final Setup setup;
    private final SimulationConfig config;
    private final GlobalConfig global;
    private final RunKey runKey;
    private final ObjectMapper mapper;

    private RandomStreams streams;
    private long seed;
    private UserRuntime.Services services;
    private Population population;
    private long clock;
    private final PriorityQueue<Scheduled> detached = new PriorityQueue<>(Scheduled.ORDER);
    private final List<CatalogRecord> newCatalog = new ArrayList<>();
    private long detachedSequence;
    private long logCount;
    private long catalogCount;
    private long steps;
    private OutputPipeline output;
    private Pacer pacer;

    /**
     * A seed the caller asked for (a seed override or {@code global.seed}), as opposed to one drawn for a new run:
     * a resumed run that keeps another stored seed says so.
     *
     * @param seed   the seed asked for
     * @param source where it comes from, for the message, e.g. {@code global.seed}
     */
    public record RequestedSeed(long seed, String source) implements java.util.function.LongSupplier {
        @Override
        public long getAsLong() {
            return seed;
        }
    }

    /** A driver for one {@link #run}. */
    public Driver(Setup setup) {
        this.setup = setup;
        this.config = setup.config();
        this.global = config.global();
        this.runKey = new RunKey(global.organisation(), global.project());
        this.mapper = setup.mapper();
    }

    /**
     * Runs from the stored state (or the start) to the end; see the class documentation. An
     * {@link OutOfMemoryError} or another fatal JVM error becomes one {@link dev.synth.SynthException} saying
     * where the run was and what to do; the store keeps the last committed step.
     */
    public SimulationResult run() {
        try {
            return runFromStore();
        } catch (VirtualMachineError fatal) {
            long at = clock;
            long done = steps;
            // let go of the population first, so that there is memory to say what happened
            population = null;
            detached.clear();
            newCatalog.clear();
            String what = fatal instanceof OutOfMemoryError ? "ran out of memory (" + fatal.getMessage() + ")"
                    : "failed with " + fatal.getClass().getSimpleName();
            String advice = fatal instanceof OutOfMemoryError ? "; give the JVM more heap (java -Xmx...) or lower"
                    + " users.population.initial_count / target_max_count (estimated need "
                    + HeapEstimate.format(HeapEstimate.of(config).bytes()) + ")" : "";
            throw new dev.synth.SynthException(runKey + ": " + what + " at simulated time " + Micros.toInstant(at)
                    + " after " + done + " steps of this run; the state store keeps the last committed step and the"
                    + " next run continues from there" + advice);
        }
    }

    private SimulationResult runFromStore() {
        long wallStart = setup.wallClock().millis();
        Optional<RunSnapshot> snapshot = setup.store().load(runKey);
        boolean resumed = snapshot.isPresent();
        seed = resumed ? snapshot.get().seed() : setup.seed().getAsLong();
        if (resumed && setup.seed() instanceof RequestedSeed requested && requested.seed() != seed) {
            LOG.warn("{}: {} {} is ignored: a resumed run keeps its stored seed {} (D1); clear the run to start it"
                    + " over with another seed", runKey, requested.source(), requested.seed(), seed);
        }
        streams = new RandomStreams(seed);
        FakeData fake = new FakeData();
        List<CatalogItem> existing = new ArrayList<>();
        snapshot.ifPresent(s -> s.catalogEntries().forEach(r -> existing.add(CatalogItem.fromRecord(r))));
        CatalogCache.WarmUp warm = CatalogCache.warmUp(config.catalogs(), predefinedCatalogDirectory(), streams, fake,
                existing);
        services = new UserRuntime.Services(streams, new SimulationContext(global, warm.cache(), fake), mapper);
        population = new Population(config, setup.userTypes(), services, setup.listeners());

        if (resumed) {
            restore(snapshot.get());
        } else {
            clock = Micros.of(global.startTs());
            LOG.info("{}: new run from {} with seed {}", runKey, global.startTs(), seed);
        }
        for (CatalogItem item : warm.created()) {
            newCatalog.add(item.toRecord());
            detached.add(new Scheduled.Catalog(clock, -1, detachedSequence++,
                    new CatalogEvent(clock, item.type(), item.data())));
        }
        if (!resumed) {
            population.start(clock);
        }

        long from = clock;
        long end = endMicros();
        pacer = new Pacer(setup.wallClock(), setup.speedUp(), clock);
        openSinks(snapshot);
        for (SimulationListener l : setup.listeners()) {
            l.runStarted(runKey, Micros.toInstant(clock), resumed);
        }
        boolean ok = false;
        output = new OutputPipeline("synth-output-" + runKey, 2);
        try {
            loop(end);
            output.finish();
            ok = true;
        } finally {
            if (!ok) {
                try {
                    output.finish();
                } catch (RuntimeException suppressed) {
                    LOG.debug("{}: output failure after an earlier failure", runKey, suppressed);
                }
            }
            closeSinks(ok);
        }
        for (SimulationListener l : setup.listeners()) {
            l.runFinished(Micros.toInstant(clock));
        }
        Duration wall = Duration.ofMillis(setup.wallClock().millis() - wallStart);
        SimulationResult result = new SimulationResult(runKey, seed, resumed, Micros.toInstant(from),
                Micros.toInstant(clock), steps, logCount, catalogCount, population.activeCount(), population.inactiveCount(), wall);
        LOG.info("{}", result.summary());
        return result;
    }

    /** The end of this run, or {@link Long#MAX_VALUE} to run until stopped ({@code end_ts: null}). */
    private long endMicros() {
        if (setup.endOverrideMicros() != null) {
            return setup.endOverrideMicros();
        }
        return global.endTs().map(Micros::of).orElse(Long.MAX_VALUE);
    }

    /**
     * Batch and online mode (reference 1.5, D29). While simulated time is an hour or more behind "now"
     * (the wall clock, possibly sped up), steps are one hour and nothing waits. Within the hour the run is
     * live: each step goes up to "now", then the run pauses; it never passes {@code end}, never releases an
     * event later than "now", and stops cleanly at a step boundary when asked to.
     */
    private void loop(long end) {
        long lastProgress = setup.wallClock().millis();
        long lastEvents = 0;
        long lastClock = clock;
        boolean announcedLive = false;
        boolean announcedWaiting = false;
        while (clock < end && !setup.stopRequested().getAsBoolean()) {
            long now = pacer.simulatedNow();
            if (now < clock && !announcedWaiting) {
                LOG.info("{}: the run is at {}, beyond the wall clock ({}): waiting until then, releasing nothing"
                        + " before its time; Ctrl-C stops", runKey, Micros.toInstant(clock), Micros.toInstant(now));
                announcedWaiting = true;
            }
            long next;
            boolean live = now - clock < STEP;
            if (!live) {
                next = Math.min(clock + STEP, end);
            } else {
                next = Math.min(now, end);
                if (!announcedLive) {
                    LOG.info("{}: caught up with the wall clock at {}; running live", runKey, Micros.toInstant(clock));
                    announcedLive = true;
                }
            }
            if (next > clock) {
                step(next);
            }
            long wall = setup.wallClock().millis();
            if (wall - lastProgress >= PROGRESS_EVERY_MILLIS) {
                progress(wall - lastProgress, logCount - lastEvents, clock - lastClock, now, end, live);
                lastProgress = wall;
                lastEvents = logCount;
                lastClock = clock;
            }
            if (live && clock < end && !setup.stopRequested().getAsBoolean()) {
                try {
                    setup.sleeper().sleep(setup.onlinePause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    LOG.info("{}: interrupted; stopping at {}", runKey, Micros.toInstant(clock));
                    return;
                }
            }
        }
    }

    private void progress(long wallMillis, long events, long simulatedMicros, long now, long end, boolean live) {
        double rate = wallMillis <= 0 ? 0 : events * 1000.0 / wallMillis;
        if (live) {
            LOG.info("{}: live at {}; {} log events so far ({} /s)", runKey, Micros.toInstant(clock), logCount,
                    Math.round(rate));
            return;
        }
        long behind = Math.min(now, end) - clock;
        double simulatedPerWall = wallMillis <= 0 ? 0 : simulatedMicros / (wallMillis * 1000.0);
        String left = simulatedPerWall <= 0 ? "unknown"
                : Duration.ofSeconds(Math.round(behind / simulatedPerWall / Micros.PER_SECOND)).toString();
        LOG.info("{}: simulated {}; {} log events so far ({} /s); {} behind {}; about {} left", runKey,
                Micros.toInstant(clock), logCount, Math.round(rate), Duration.ofSeconds(behind / Micros.PER_SECOND),
                end <= now ? "the end" : "the wall clock", left);
    }

    private Optional<Path> predefinedCatalogDirectory() {
        return Optional.of(config.catalogDirectory().resolve(global.simulationProfile()));
    }

    private void step(long stepEnd) {
        Context context = new Context(stepEnd);
        List<DriverExtension> extensions = setup.extensions();
        for (DriverExtension extension : extensions) {
            extension.startOfStep(context);
        }
        context.usersMayChange = false;
        population.maintain(stepEnd);
        for (DriverExtension extension : extensions) {
            extension.beforeUsers(context);
        }
        Consumer<UserMessage> messages = message -> {
            for (DriverExtension extension : extensions) {
                extension.onMessage(message, context);
            }
        };
        List<Scheduled> fromUsers = new ArrayList<>();
        for (UserRuntime runtime : population.active()) {
            runtime.advance(stepEnd, fromUsers::add, messages);
        }
        for (DriverExtension extension : extensions) {
            extension.afterUsers(context);
        }
        List<Scheduled> due = new ArrayList<>();
        while (!detached.isEmpty() && detached.peek().timeMicros() < stepEnd) {
            due.add(detached.poll());
        }
        // Both lists in (actor, sequence) order, merged so; then a stable sort by time gives the release order (D5).
        List<Scheduled> released = sortByTime(mergeByActor(fromUsers, due));
        List<LogEvent> logs = new ArrayList<>(released.size());
        List<CatalogEvent> catalogs = new ArrayList<>();
        for (Scheduled s : released) {
            if (s instanceof Scheduled.Log l) {
                logs.add(l.event());
            } else if (s instanceof Scheduled.Catalog c) {
                catalogs.add(c.event());
            } else {
                throw new IllegalStateException("not an event: " + s);
            }
        }
        population.organise(stepEnd, detached::add, messages);
        population.updateTarget(stepEnd, streams);
        clock = stepEnd;
        steps++;
        logCount += logs.size();
        catalogCount += catalogs.size();
        StepCommit commit = stepCommit();
        SimulationListener.StepSummary summary = new SimulationListener.StepSummary(Micros.toInstant(clock),
                logs.size(), catalogs.size(), population.activeCount(), population.inactiveCount());
        output.submit(() -> writeAndCommit(logs, catalogs, commit, summary));
    }

    /** Runs on the output thread: the step's events to every sink, then sink positions and state, atomically. */
    private void writeAndCommit(List<LogEvent> logs, List<CatalogEvent> catalogs, StepCommit commit,
            SimulationListener.StepSummary summary) {
        for (EventSink sink : setup.sinks()) {
            sink.write(logs, catalogs);
        }
        Map<String, String> positions = new LinkedHashMap<>();
        for (EventSink sink : setup.sinks()) {
            positions.put(sink.name(), sink.commit());
        }
        setup.store().commit(runKey, new StepCommit(commit.seed(), commit.clockMicros(), commit.driverState(),
                positions, commit.changedUsers(), commit.newCatalogEntries()));
        for (SimulationListener l : setup.listeners()) {
            l.stepFinished(summary);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: step to {}: {} log, {} catalog events; {} active users", runKey, summary.clock(),
                    logs.size(), catalogs.size(), summary.activeUsers());
        }
    }

    private static final Comparator<Scheduled> BY_ACTOR =
            Comparator.comparingLong(Scheduled::actor).thenComparingLong(Scheduled::sequence);

    /** Merges users' items (grouped by ascending actor) with driver items, keeping (actor, sequence) order. */
    static List<Scheduled> mergeByActor(List<Scheduled> fromUsers, List<Scheduled> due) {
        if (due.isEmpty()) {
            return fromUsers;
        }
        due.sort(BY_ACTOR);
        List<Scheduled> merged = new ArrayList<>(fromUsers.size() + due.size());
        int d = 0;
        for (Scheduled s : fromUsers) {
            while (d < due.size() && BY_ACTOR.compare(due.get(d), s) < 0) {
                merged.add(due.get(d++));
            }
            merged.add(s);
        }
        merged.addAll(due.subList(d, due.size()));
        return merged;
    }

    /** The driver's side of a step, for extensions. */
    private final class Context implements StepContext {
        private final long stepEnd;
        boolean usersMayChange = true;

        Context(long stepEnd) {
            this.stepEnd = stepEnd;
        }

        @Override
        public long stepStartMicros() {
            return clock;
        }

        @Override
        public long stepEndMicros() {
            return stepEnd;
        }

        @Override
        public RandomStreams streams() {
            return streams;
        }

        @Override
        public CatalogCache catalogs() {
            return services.context().catalogs();
        }

        @Override
        public void schedule(long timeMicros, long actor, LogEvent event) {
            detached.add(new Scheduled.Log(timeMicros, actor, detachedSequence++, event));
        }

        @Override
        public void schedule(long timeMicros, long actor, CatalogEvent event) {
            detached.add(new Scheduled.Catalog(timeMicros, actor, detachedSequence++, event));
        }

        @Override
        public void scheduleFor(UserRuntime user, LogEvent event) {
            detached.add(user.outOfSchedule(event));
        }

        @Override
        public void addCatalogEntry(CatalogItem item, long timeMicros) {
            services.context().catalogs().add(item);
            newCatalog.add(item.toRecord());
            schedule(timeMicros, -1, new CatalogEvent(timeMicros, item.type(), item.data()));
        }

        @Override
        public Optional<UserRuntime> activeUser(String platformUuid) {
            return population.activeUser(platformUuid);
        }

        @Override
        public int inactiveCount() {
            return population.inactiveCount();
        }

        @Override
        public List<UserRecord> inactiveUsers() {
            return population.inactiveRecords();
        }

        @Override
        public Optional<UserRuntime> loadInactive(UserRecord record) {
            return population.load(record, clock);
        }

        @Override
        public void revive(UserRuntime user) {
            checkUsersMayChange();
            population.revive(user, stepEnd);
        }

        @Override
        public void keepInactive(UserRuntime user) {
            checkUsersMayChange();
            population.keepInactive(user, stepEnd);
        }

        private void checkUsersMayChange() {
            if (!usersMayChange) {
                throw new IllegalStateException("churned users can come back only in DriverExtension.startOfStep");
            }
        }
    }

    /**
     * Stable sort by time of items collected in (actor, sequence) order. Packs (time offset, position) into
     * one long and sorts primitives - several times faster than sorting objects with a comparator - falling
     * back to the comparator for spans or counts that do not fit.
     */
    static List<Scheduled> sortByTime(List<Scheduled> items) {
        int n = items.size();
        if (n < 2) {
            return items;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Scheduled s : items) {
            min = Math.min(min, s.timeMicros());
            max = Math.max(max, s.timeMicros());
        }
        if (max - min >= (1L << 40) || n >= (1 << 23)) {
            List<Scheduled> copy = new ArrayList<>(items);
            copy.sort(Comparator.comparingLong(Scheduled::timeMicros));
            return copy;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((items.get(i).timeMicros() - min) << 23) | i;
        }
        java.util.Arrays.sort(keys);
        List<Scheduled> sorted = new ArrayList<>(n);
        for (long key : keys) {
            sorted.add(items.get((int) (key & ((1 << 23) - 1))));
        }
        return sorted;
    }

    /** The state part of the step's commit; sink positions are added on the output thread. */
    private StepCommit stepCommit() {
        List<UserRecord> changed = population.changedRecords(clock);
        StepCommit commit = new StepCommit(seed, clock, encodeDriverState(), Map.of(), changed, newCatalog);
        newCatalog.clear();
        return commit;
    }

    private void openSinks(Optional<RunSnapshot> snapshot) {
        Map<String, String> positions = snapshot.map(RunSnapshot::sinkPositions).orElse(Map.of());
        for (EventSink sink : setup.sinks()) {
            sink.open(runKey, Optional.ofNullable(positions.get(sink.name())));
        }
    }

    private void closeSinks(boolean ok) {
        RuntimeException failure = null;
        for (EventSink sink : setup.sinks()) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null && ok) {
            throw failure;
        }
    }

    // ---- driver state ------------------------------------------------------------------------------------

    private String encodeDriverState() {
        ObjectNode node = mapper.createObjectNode();
        population.save(node);
        node.put("detached_sequence", detachedSequence);
        ArrayNode pending = node.putArray("detached");
        List<Scheduled> items = new ArrayList<>(detached);
        items.sort(Scheduled.ORDER);
        for (Scheduled s : items) {
            ObjectNode entry = pending.addObject();
            entry.put("time", s.timeMicros());
            entry.put("actor", s.actor());
            entry.put("sequence", s.sequence());
            if (s instanceof Scheduled.Log l) {
                entry.set("log", mapper.valueToTree(l.event()));
            } else if (s instanceof Scheduled.Catalog c) {
                entry.set("catalog", mapper.valueToTree(c.event()));
            } else {
                throw new IllegalStateException("only events wait in the driver: " + s);
            }
        }
        ObjectNode extensions = node.putObject("extensions");
        for (DriverExtension extension : setup.extensions()) {
            JsonNode state = extension.save(mapper);
            if (state != null) {
                extensions.set(extension.name(), state);
            }
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new StateStoreException("cannot encode the driver state of " + runKey, e);
        }
    }

    private void restore(RunSnapshot snapshot) {
        clock = snapshot.clockMicros();
        JsonNode node;
        try {
            node = mapper.readTree(snapshot.driverState());
            detachedSequence = node.path("detached_sequence").asLong();
            for (DriverExtension extension : setup.extensions()) {
                JsonNode state = node.path("extensions").get(extension.name());
                if (state != null) {
                    extension.restore(state, mapper);
                }
            }
            for (JsonNode entry : node.path("detached")) {
                long time = entry.path("time").asLong();
                long actor = entry.path("actor").asLong();
                long sequence = entry.path("sequence").asLong();
                detached.add(entry.has("log")
                        ? new Scheduled.Log(time, actor, sequence, mapper.treeToValue(entry.get("log"), LogEvent.class))
                        : new Scheduled.Catalog(time, actor, sequence,
                                mapper.treeToValue(entry.get("catalog"), CatalogEvent.class)));
            }
        } catch (IOException e) {
            throw new StateStoreException("stored driver state of " + runKey + " is unreadable: " + e.getMessage(), e);
        }
        population.restore(node, snapshot.activeUsers(), snapshot.inactiveUsers(), clock);
        LOG.info("{}: resuming at {} with {} active and {} inactive users", runKey, Micros.toInstant(clock),
                population.activeCount(), population.inactiveCount());
    }
}
