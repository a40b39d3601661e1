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
import dev.synth.user.UserData;
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
 * population walk; the clock advanced; sinks committed; state committed. A busy step may be released and
 * written in slices of its time (see {@link DriverExtension#watchesUsers}); it is still committed as one.
 *
 * <p>Not thread-safe; one instance per {@link dev.synth.Simulation#run()} call.
 */
public final class Driver {
    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);
    /** The summary of each run call, at INFO, on a logger of its own (the command line prints it itself). */
    private static final Logger SUMMARY = LoggerFactory.getLogger("dev.synth.Summary");
    private static final long STEP = Micros.PER_HOUR;
    private static final long PROGRESS_EVERY_MILLIS = 10_000;
    private static final long USER_DATA_POOLS = RandomStreams.key("user-data-pools");
    /** A user's record weighs about as much as this many events; see {@link #stepCommit}. */
    private static final int EVENTS_PER_RECORD = 5;
    /** At most this many slices of a step; see {@link #sliceEnds}. */
    private static final int MAX_SLICES = 60;

    /**
     * Everything a driver needs; assembled and validated by {@link dev.synth.Simulation}. The seed is asked
     * for only on a first run: a resumed run keeps its stored seed (D1). {@code shard} is the one shard of
     * {@code global.shards} to simulate, or {@code -1} for all of them (see {@link dev.synth.Simulation.Builder#shard}).
     */
    public record Setup(SimulationConfig config, java.util.function.LongSupplier seed,
            java.util.OptionalLong requestedSeed, Long endOverrideMicros,
            Map<String, UserFactory> userTypes, List<EventSink> sinks, StateStore store,
            List<SimulationListener> listeners, List<DriverExtension> extensions, Clock wallClock,
            Sleeper sleeper, double speedUp, Duration onlinePause, java.util.function.BooleanSupplier stopRequested,
            ObjectMapper mapper, int threads, int shard, int sliceEvents) {
    }

    private final Setup setup;
    private final SimulationConfig config;
    private final GlobalConfig global;
    private final RunKey runKey;
    private final ObjectMapper mapper;
    private final Map<String, String> fingerprint;

    private RandomStreams streams;
    private long seed;
    private UserRuntime.Services services;
    /** The shards in index order; one unless {@code global.shards} says otherwise. */
    private List<Population> shards;
    private Workers workers;
    private long clock;
    /** The clock of the last step the state store committed (written by the output thread). */
    private volatile long committedMicros = Long.MIN_VALUE;
    private final PriorityQueue<Scheduled> detached = new PriorityQueue<>(Scheduled.ORDER);
    private final List<CatalogRecord> newCatalog = new ArrayList<>();
    private long detachedSequence;
    private long logCount;
    private long catalogCount;
    private long steps;
    private long userCreationMillis;
    private OutputPipeline output;
    /** Whether steps may be released in slices (no extension watches users); see {@link #sliceEnds}. */
    private boolean sliceable;
    /** Whether the step's commit reads the users, who must then wait for it; see {@link #stepCommit}. */
    private boolean mustWaitForCommit;
    /** Events of the last step of this run call; -1 before the first. */
    private long lastStepEvents = -1;
    private Pacer pacer;
    private boolean interrupted;

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
        this.fingerprint = RunIdentity.of(config);
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
            shards = null;
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
        snapshot.ifPresent(this::checkIdentity);
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
        UserData.Pools userData = UserData.Pools.build(new FakeData(streams.derive(USER_DATA_POOLS)));
        UserRuntime.Stored stored = new UserRuntime.Stored() {
            @Override
            public long committedMicros() {
                return committedMicros;
            }

            @Override
            public Optional<String> state(String platformUuid) {
                return setup.store().loadUser(runKey, platformUuid).map(UserRecord::state);
            }
        };
        services = new UserRuntime.Services(streams, new SimulationContext(global, warm.cache(), fake), mapper, userData,
                stored);
        int shardCount = global.shards();
        shards = new ArrayList<>(shardCount);
        for (int k = 0; k < shardCount; k++) {
            if (setup.shard() >= 0 && k != setup.shard()) {
                continue;
            }
            // each shard generates on its own thread, so it gets its own fake-data source; the catalogs are shared
            UserRuntime.Services shardServices = shardCount == 1 ? services : new UserRuntime.Services(streams,
                    new SimulationContext(global, warm.cache(), new FakeData()), mapper, userData, stored);
            shards.add(new Population(config, k, setup.userTypes(), shardServices, setup.listeners()));
        }
        workers = new Workers("synth-shard-" + runKey, Math.max(1, Math.min(setup.threads(), shards.size())));
        try {
            return runShards(wallStart, snapshot, resumed, warm);
        } finally {
            workers.close();
        }
    }

    private SimulationResult runShards(long wallStart, Optional<RunSnapshot> snapshot, boolean resumed,
            CatalogCache.WarmUp warm) {
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
            long start = clock;
            long created = setup.wallClock().millis();
            workers.map(shards, shard -> {
                shard.start(start);
                return null;
            });
            userCreationMillis = setup.wallClock().millis() - created;
            LOG.info("{}: created {} users in {} shard(s) on {} thread(s) in {} ms", runKey, activeCount(),
                    shards.size(), workers.threads(), userCreationMillis);
        }

        long from = clock;
        long end = endMicros();
        for (DriverExtension extension : setup.extensions()) {
            extension.runStarting(clock, end);
        }
        if (resumed && clock >= end) {
            LOG.info("{}: the stored run is already at its end ({}); nothing to do. To start over: run --fresh,"
                    + " or Simulation.builder().fresh()", runKey, Micros.toInstant(clock));
        }
        sliceable = setup.extensions().stream().noneMatch(DriverExtension::watchesUsers);
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
        SimulationResult.Status status;
        String reason;
        if (clock >= end) {
            status = SimulationResult.Status.COMPLETED;
            reason = resumed && from >= end ? "already at its end " + Micros.toInstant(end)
                    + " before this call; nothing to do (start over with run --fresh or Simulation.builder().fresh())"
                    : "reached its end " + Micros.toInstant(end);
        } else {
            status = SimulationResult.Status.STOPPED;
            reason = interrupted ? "interrupted at " + Micros.toInstant(clock)
                    : "stop requested at " + Micros.toInstant(clock) + " (run again to continue)";
        }
        Map<String, dev.synth.spi.SinkCount> written = new LinkedHashMap<>();
        for (EventSink sink : setup.sinks()) {
            written.put(sink.name(), sink.written().orElse(new dev.synth.spi.SinkCount(logCount, catalogCount)));
        }
        SimulationResult result = new SimulationResult(runKey, seed, resumed, Micros.toInstant(from),
                Micros.toInstant(clock), steps, logCount, catalogCount, activeCount(), inactiveCount(), wall,
                Duration.ofMillis(userCreationMillis), status, reason, written);
        SUMMARY.info("{}", result.summary());
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
                    interrupted = true;
                    return;
                }
            }
        }
    }

    /**
     * One progress line, e.g. {@code acme/demo: 45.2% done (simulated 2024-01-04T08:00:00Z of -> 2024-01-08T00:00:00Z);
     * 1,234,567 log events (123,456/s); ETA 1m 47s}. Live: the simulated time and the events so far.
     */
    private void progress(long wallMillis, long events, long simulatedMicros, long now, long end, boolean live) {
        String rate = Human.count(wallMillis <= 0 ? 0 : Math.round(events * 1000.0 / wallMillis)) + "/s";
        if (live) {
            LOG.info("{}: live at {}; {} log events so far ({})", runKey, Micros.toInstant(clock), Human.count(logCount),
                    rate);
            return;
        }
        long target = Math.min(now, end);
        long spanStart = Micros.of(global.startTs());
        double share = target <= spanStart ? 1 : (double) (clock - spanStart) / (target - spanStart);
        double simulatedPerWall = wallMillis <= 0 ? 0 : simulatedMicros / (wallMillis * 1000.0);
        String eta = simulatedPerWall <= 0 ? "unknown"
                : Human.duration(Duration.ofSeconds(Math.round((target - clock) / simulatedPerWall / Micros.PER_SECOND)));
        LOG.info("{}: {} done (simulated {} of -> {}); {} log events ({}); ETA {}", runKey, Human.percent(share),
                Micros.toInstant(clock), end <= now ? Micros.toInstant(end) : "now, " + Micros.toInstant(now),
                Human.count(logCount), rate, eta);
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
        for (Population shard : shards) {
            shard.maintain(stepEnd);
        }
        for (DriverExtension extension : extensions) {
            extension.beforeUsers(context);
        }
        Consumer<UserMessage> messages = message -> {
            for (DriverExtension extension : extensions) {
                extension.onMessage(message, context);
            }
        };
        long[] slices = sliceEnds(stepEnd);
        List<LogEvent> logs = List.of();
        List<CatalogEvent> catalogs = List.of();
        int stepLogs = 0;
        int stepCatalogs = 0;
        for (int i = 0; i < slices.length; i++) {
            long until = slices[i];
            boolean last = i == slices.length - 1;
            List<Population.Release> fromShards = release(stepEnd, until, messages);
            if (last) {
                for (DriverExtension extension : extensions) {
                    extension.afterUsers(context);
                }
                if (slices.length > 1 && !detached.isEmpty() && detached.peek().timeMicros() < slices[i - 1]) {
                    throw new IllegalStateException("an extension that does not watch users (watchesUsers() false)"
                            + " scheduled an event at " + Micros.toInstant(detached.peek().timeMicros())
                            + ", in a part of the step already written");
                }
            }
            List<Scheduled> due = new ArrayList<>();
            while (!detached.isEmpty() && detached.peek().timeMicros() < until) {
                due.add(detached.poll());
            }
            ArrayList<LogEvent> sliceLogs = new ArrayList<>();
            List<CatalogEvent> sliceCatalogs = new ArrayList<>();
            merge(fromShards, due, sliceLogs, sliceCatalogs);
            logs = sliceLogs;
            catalogs = sliceCatalogs;
            stepLogs += logs.size();
            stepCatalogs += catalogs.size();
            if (!last) {
                output.submit(() -> write(sliceLogs, sliceCatalogs));
            }
        }
        lastStepEvents = stepLogs + stepCatalogs;
        for (Population shard : shards) {
            shard.organise(stepEnd, detached::add, messages);
            shard.updateTarget(stepEnd);
        }
        clock = stepEnd;
        steps++;
        logCount += stepLogs;
        catalogCount += stepCatalogs;
        StepCommit commit = stepCommit();
        SimulationListener.StepSummary summary = new SimulationListener.StepSummary(Micros.toInstant(clock),
                stepLogs, stepCatalogs, activeCount(), inactiveCount());
        List<LogEvent> lastLogs = logs;
        List<CatalogEvent> lastCatalogs = catalogs;
        output.submit(() -> writeAndCommit(lastLogs, lastCatalogs, commit, summary));
        if (mustWaitForCommit) {
            output.awaitIdle();
            mustWaitForCommit = false;
        }
    }

    /**
     * Where the users' part of a step up to {@code stepEnd} is cut: the step's end alone, unless no extension
     * watches users ({@link DriverExtension#watchesUsers}) and the last step was busy - then in equal slices of
     * about {@code sliceEvents} events each (judged by the last step), each merged and handed to the sinks as
     * soon as it is released. Cutting changes nothing that is written, only how much is held at once.
     */
    private long[] sliceEnds(long stepEnd) {
        long expected = lastStepEvents >= 0 ? lastStepEvents : 3L * activeCount();
        long size = setup.sliceEvents();
        int count = sliceable ? (int) Math.min(MAX_SLICES, Math.max(1, (expected + size - 1) / size)) : 1;
        long[] ends = new long[count];
        long span = stepEnd - clock;
        for (int i = 0; i < count; i++) {
            ends[i] = clock + span * (i + 1) / count;
        }
        ends[count - 1] = stepEnd;
        return ends;
    }

    /** Every shard's users release what is due before {@code until}; their messages are answered. */
    private List<Population.Release> release(long stepEnd, long until, Consumer<UserMessage> messages) {
        if (global.shards() == 1) {
            // one shard: messages are answered inline, as the user's schedule is released
            return List.of(shards.get(0).release(stepEnd, until, messages));
        }
        // several shards, each on some thread: their messages are answered afterwards, on this thread, in
        // shard order and then in the order the users released them - the same for every thread count
        List<Population.Release> fromShards = workers.map(shards, shard -> shard.release(stepEnd, until, null));
        for (Population.Release release : fromShards) {
            release.deliverMessages(messages);
        }
        return fromShards;
    }

    /** What the shards released and what fell due in the driver, merged in release order (D5). */
    private void merge(List<Population.Release> fromShards, List<Scheduled> due, ArrayList<LogEvent> logs,
            List<CatalogEvent> catalogs) {
        List<List<Scheduled>> ordered = new ArrayList<>(fromShards.size() + 1);
        int total = due.size();
        for (Population.Release release : fromShards) {
            ordered.add(release.inTimeOrder());
            total += release.inTimeOrder().size();
            if (!release.late().isEmpty()) {
                ordered.add(release.late());
                total += release.late().size();
            }
        }
        ordered.add(due);
        logs.ensureCapacity(total);
        boolean simulationCatalog = setup.shard() <= 0;
        mergeInOrder(ordered, s -> {
            if (s instanceof Scheduled.Log l) {
                logs.add(l.event());
            } else if (s instanceof Scheduled.Catalog c) {
                if (simulationCatalog || c.actor() >= 0) {
                    catalogs.add(c.event());
                }
            } else {
                throw new IllegalStateException("not an event: " + s);
            }
        });
    }

    private int activeCount() {
        int n = 0;
        for (Population shard : shards) {
            n += shard.activeCount();
        }
        return n;
    }

    private int inactiveCount() {
        int n = 0;
        for (Population shard : shards) {
            n += shard.inactiveCount();
        }
        return n;
    }

    /**
     * Merges lists that are each in release order (time, actor, sequence; D5) into one, handing each item to
     * {@code out}. On a complete tie the earlier list wins (users before the driver's own items), so the
     * result does not depend on which thread produced which list.
     */
    static void mergeInOrder(List<List<Scheduled>> lists, Consumer<Scheduled> out) {
        List<List<Scheduled>> nonEmpty = new ArrayList<>(lists.size());
        for (List<Scheduled> list : lists) {
            if (!list.isEmpty()) {
                nonEmpty.add(list);
            }
        }
        int k = nonEmpty.size();
        if (k == 1) {
            for (Scheduled s : nonEmpty.get(0)) {
                out.accept(s);
            }
            return;
        }
        // a binary min-heap of the lists' heads: (head, list index) ordered by release order, then list index;
        // the heads' times are kept in an array, so most comparisons touch no item
        int[] at = new int[k];
        int[] heap = new int[k];
        Scheduled[] head = new Scheduled[k];
        long[] time = new long[k];
        for (int i = 0; i < k; i++) {
            head[i] = nonEmpty.get(i).get(0);
            time[i] = head[i].timeMicros();
            heap[i] = i;
        }
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(heap, k, i, head, time);
        }
        int size = k;
        while (size > 0) {
            int list = heap[0];
            out.accept(head[list]);
            List<Scheduled> items = nonEmpty.get(list);
            if (++at[list] < items.size()) {
                Scheduled next = items.get(at[list]);
                head[list] = next;
                time[list] = next.timeMicros();
            } else {
                heap[0] = heap[--size];
            }
            siftDown(heap, size, 0, head, time);
        }
    }

    private static void siftDown(int[] heap, int size, int i, Scheduled[] head, long[] time) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left;
            int right = left + 1;
            if (right < size && before(heap[right], heap[left], head, time)) {
                smallest = right;
            }
            if (!before(heap[smallest], heap[i], head, time)) {
                return;
            }
            int tmp = heap[i];
            heap[i] = heap[smallest];
            heap[smallest] = tmp;
            i = smallest;
        }
    }

    /** Whether the head of list {@code a} comes before the head of list {@code b} (ties: the lower list). */
    private static boolean before(int a, int b, Scheduled[] head, long[] time) {
        long tx = time[a];
        long ty = time[b];
        if (tx != ty) {
            return tx < ty;
        }
        int c = Scheduled.ORDER.compare(head[a], head[b]);
        return c != 0 ? c < 0 : a < b;
    }

    /** Runs on the output thread: a slice of a step's events to every sink. */
    private void write(List<LogEvent> logs, List<CatalogEvent> catalogs) {
        for (EventSink sink : setup.sinks()) {
            sink.write(logs, catalogs);
        }
    }

    /**
     * Runs on the output thread: the step's (last) events to every sink, then sink positions and state,
     * atomically.
     */
    private void writeAndCommit(List<LogEvent> logs, List<CatalogEvent> catalogs, StepCommit commit,
            SimulationListener.StepSummary summary) {
        write(logs, catalogs);
        Map<String, String> positions = new LinkedHashMap<>();
        for (EventSink sink : setup.sinks()) {
            positions.put(sink.name(), sink.commit());
        }
        setup.store().commit(runKey, new StepCommit(commit.seed(), commit.clockMicros(), commit.driverState(),
                positions, commit.changedUsers(), commit.newCatalogEntries()));
        committedMicros = commit.clockMicros();
        for (SimulationListener l : setup.listeners()) {
            l.stepFinished(summary);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: step to {}: {} log, {} catalog events; {} active users, {} user records stored", runKey,
                    summary.clock(), summary.logEvents(), summary.catalogEvents(), summary.activeUsers(),
                    commit.changedUsers().size());
        }
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
            for (Population shard : shards) {
                Optional<UserRuntime> user = shard.activeUser(platformUuid);
                if (user.isPresent()) {
                    return user;
                }
            }
            return Optional.empty();
        }

        @Override
        public int inactiveCount() {
            return Driver.this.inactiveCount();
        }

        @Override
        public List<UserRecord> inactiveUsers() {
            if (shards.size() == 1) {
                return shards.get(0).inactiveRecords();
            }
            List<UserRecord> all = new ArrayList<>();
            for (Population shard : shards) {
                all.addAll(shard.inactiveRecords());
            }
            all.sort(Comparator.comparingLong(UserRecord::ordinal));
            return all;
        }

        @Override
        public Optional<UserRuntime> loadInactive(UserRecord record) {
            return shardOf(record.ordinal()).load(record, clock);
        }

        @Override
        public void revive(UserRuntime user) {
            checkUsersMayChange();
            shardOf(user.ordinal()).revive(user, stepEnd);
        }

        @Override
        public void keepInactive(UserRuntime user) {
            checkUsersMayChange();
            shardOf(user.ordinal()).keepInactive(user, stepEnd);
        }

        private Population shardOf(long ordinal) {
            return shards.get(Population.shardOf(ordinal, shards.size()));
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

    /**
     * The state part of the step's commit; sink positions are added on the output thread. The changed users'
     * records are encoded here, on the shards' threads - unless they would weigh more than a slice of events
     * ({@code sliceEvents}, e.g. when every user of a large population starts a new day's window in the same
     * step): then they are encoded one by one as the store reads them, and {@link #mustWaitForCommit} says the
     * users may not change until that commit is done.
     */
    private StepCommit stepCommit() {
        long at = clock;
        // the changed users of every shard (each on some thread, as its users may read back a saved state)
        List<List<UserRuntime>> byShard = workers.map(shards, Population::changedUsers);
        List<UserRuntime> users = new ArrayList<>();
        byShard.forEach(users::addAll); // in shard order, whatever thread found them
        List<UserRecord> changed;
        if ((long) users.size() * EVENTS_PER_RECORD > setup.sliceEvents()) {
            changed = new RecordsOnRead(users, at);
            mustWaitForCommit = true;
        } else {
            changed = new ArrayList<>(users.size());
            for (List<UserRecord> records : workers.map(byShard, shard -> encode(shard, at))) {
                changed.addAll(records);
            }
        }
        StepCommit commit = new StepCommit(seed, clock, encodeDriverState(), Map.of(), changed, newCatalog);
        newCatalog.clear();
        return commit;
    }

    private static List<UserRecord> encode(List<UserRuntime> users, long clock) {
        List<UserRecord> records = new ArrayList<>(users.size());
        for (UserRuntime user : users) {
            records.add(user.toRecord(clock));
        }
        return records;
    }

    /**
     * A large step's user records, each encoded when read: the store reads them on the output thread while the
     * simulation thread waits (so the users do not change), instead of a million encoded records held at once.
     */
    private static final class RecordsOnRead extends java.util.AbstractList<UserRecord>
            implements java.util.RandomAccess {
        private final List<UserRuntime> users;
        private final long clock;

        RecordsOnRead(List<UserRuntime> users, long clock) {
            this.users = users;
            this.clock = clock;
        }

        @Override
        public UserRecord get(int index) {
            return users.get(index).toRecord(clock);
        }

        @Override
        public int size() {
            return users.size();
        }
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
        ObjectNode identity = node.putObject(IDENTITY);
        fingerprint.forEach(identity::put);
        if (shards.size() == 1) {
            shards.get(0).save(node);
        } else {
            ArrayNode array = node.putArray("shards");
            for (Population shard : shards) {
                shard.save(array.addObject());
            }
        }
        if (setup.shard() >= 0) {
            node.put("only_shard", setup.shard());
        }
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

    /** Key of the run's fingerprint ({@link RunIdentity}) in the stored driver state. */
    private static final String IDENTITY = "config";

    /**
     * Refuses to resume a stored run with a configuration whose fingerprint differs, or with another seed.
     * A run stored before fingerprints existed is adopted.
     */
    private void checkIdentity(RunSnapshot snapshot) {
        List<String> changes = new ArrayList<>();
        // the seed is not compared here: a resumed run keeps its stored seed and says so (D1, WARN above)
        JsonNode stored;
        try {
            stored = mapper.readTree(snapshot.driverState()).get(IDENTITY);
        } catch (IOException e) {
            throw new StateStoreException("stored driver state of " + runKey + " is unreadable: " + e.getMessage(), e);
        }
        if (stored == null) {
            LOG.info("{}: the stored run has no configuration fingerprint (stored by an older synth); adopting this"
                    + " configuration's", runKey);
        } else {
            Map<String, String> was = new java.util.TreeMap<>();
            stored.fields().forEachRemaining(e -> was.put(e.getKey(), e.getValue().asText()));
            changes.addAll(RunIdentity.differences(was, fingerprint));
        }
        if (!changes.isEmpty()) {
            throw new dev.synth.RunMismatchException(runKey, changes);
        }
    }

    private void restore(RunSnapshot snapshot) {
        clock = snapshot.clockMicros();
        committedMicros = clock;
        JsonNode node;
        try {
            node = mapper.readTree(snapshot.driverState());
            detachedSequence = node.path("detached_sequence").asLong();
            int storedShard = node.path("only_shard").asInt(-1);
            if (storedShard != setup.shard()) {
                throw new StateStoreException("the stored run " + runKey + " holds " + (storedShard < 0
                        ? "all shards" : "shard " + storedShard) + " but this simulation is of " + (setup.shard() < 0
                        ? "all shards" : "shard " + setup.shard()) + "; give each shard its own store");
            }
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
        int count = shards.size();
        JsonNode stored = node.path("shards");
        int storedCount = stored.isArray() ? stored.size() : 1;
        if (storedCount != count) {
            throw new StateStoreException("global.shards was " + count + " but the stored run " + runKey + " has "
                    + storedCount + " shard" + (storedCount == 1 ? "" : "s") + "; a run keeps its shards (use"
                    + " global.shards: " + storedCount + ", or clear the run)");
        }
        List<List<UserRecord>> activeByShard = byShard(snapshot.activeUsers(), count);
        List<List<UserRecord>> inactiveByShard = byShard(snapshot.inactiveUsers(), count);
        long at = clock;
        workers.map(shards, shard -> {
            int k = count == 1 ? 0 : shard.shard();
            shard.restore(count == 1 ? node : stored.get(k), activeByShard.get(k), inactiveByShard.get(k), at);
            return null;
        });
        LOG.info("{}: resuming at {} with {} active and {} inactive users", runKey, Micros.toInstant(clock),
                activeCount(), inactiveCount());
    }

    private static List<List<UserRecord>> byShard(List<UserRecord> records, int count) {
        List<List<UserRecord>> lists = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            lists.add(new ArrayList<>());
        }
        for (UserRecord record : records) {
            lists.get(Population.shardOf(record.ordinal(), count)).add(record);
        }
        return lists;
    }
}
