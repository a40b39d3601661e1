package dev.synth.examples;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.SimulationConfig;
import dev.synth.engine.DriverExtension;
import dev.synth.engine.DriverExtensionProvider;
import dev.synth.engine.StepContext;
import dev.synth.event.Micros;
import dev.synth.output.csv.Compression;
import dev.synth.output.csv.CsvEventSink;
import dev.synth.output.csv.JsonLinesEventSink;
import dev.synth.output.parquet.ParquetEventSink;
import dev.synth.persistence.jooq.JooqStateStore;
import dev.synth.spi.EventSink;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.RunKey;
import dev.synth.spi.SimulationListener;
import dev.synth.spi.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fixed benchmark workloads: 10,000 session-engagement users ({@code bench.yml}) or 10,000 shoppers with
 * promotions ({@code bench-purchase.yml}, {@code --workload purchase}) for 30 simulated days, output
 * ({@code --sink}: CSV by default, JSON Lines, Parquet, gzip or zstd) to a temporary directory (deleted afterwards), state in
 * SQLite (as {@code run} keeps it) or - {@code --store} - in memory or PostgreSQL.
 * Prints log events per second, the process's CPU time per log event, the time it took to create the users,
 * the live heap per user (heap in use after a full GC at the end of the first simulated day, minus the heap in
 * use after a full GC before the run, divided by the users) and the peak heap.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs the fixed benchmark workload and prints events per second and peak heap.")
final class Bench implements Callable<Integer> {
    @Option(names = "--users", description = "population size (default ${DEFAULT-VALUE})")
    int users = 10_000;

    @Option(names = "--days", description = "simulated days (default ${DEFAULT-VALUE})")
    int days = 30;

    @Option(names = "--workload", description = "session (session-engagement users) or purchase (shoppers); "
            + "default ${DEFAULT-VALUE}")
    String workload = "session";

    @Option(names = "--shards", description = "global.shards: independent sub-populations (default ${DEFAULT-VALUE})")
    int shards = 8;

    @Option(names = "--threads", description = "threads simulating the shards (default: the number of processors,"
            + " ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--slice-events", paramLabel = "N", description = "Simulation.Builder.sliceEvents: about how many"
            + " events a busy step holds at once (default ${DEFAULT-VALUE})")
    int sliceEvents = 1 << 18;

    @Option(names = "--keep", description = "keep the output directory")
    boolean keep;

    @Option(names = "--histogram", description = "print the heap's largest classes when live heap is measured")
    boolean histogram;

    /** Where the run's state is kept. */
    enum Store { memory, sqlite, postgresql }

    @Option(names = "--store", description = "state store: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}, as"
            + " for run: a file in the output directory); memory keeps every user's record on the heap")
    Store store = Store.sqlite;

    @Option(names = "--db-uri", paramLabel = "URI", description = "database of --store postgresql (default"
            + " ${DEFAULT-VALUE}); the bench run's rows are cleared first")
    String dbUri = "postgresql://postgres@127.0.0.1:5432/test";

    @Option(names = "--sink", paramLabel = "SINK", description = "output: csv, csv.gz, csv.zst, jsonl, jsonl.gz,"
            + " jsonl.zst or parquet (default ${DEFAULT-VALUE})")
    String sink = "csv";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!workload.equals("session") && !workload.equals("purchase")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--workload must be session or purchase, not " + workload);
        }
        String yaml = resource(workload.equals("session") ? "bench.yml" : "bench-purchase.yml")
                .replace("${USERS}", Integer.toString(users))
                .replace("${SHARDS}", Integer.toString(shards))
                .replace("${END}", LocalDateTime.of(2020, 1, 1, 0, 0).plusDays(days).toString().replace('T', ' ') + ":00");
        if (users < 0 || days < 1 || shards < 1 || threads < 1 || sliceEvents < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--users must be >= 0 and --days, --shards, --threads, --slice-events >= 1");
        }
        SimulationConfig config = SimulationConfig.fromYaml(yaml, "bench.yml");
        Path out = Files.createTempDirectory("synth-bench");
        try {
            SimulationResult result;
            long baseline = liveHeapBytes();
            LiveHeapProbe probe = new LiveHeapProbe(Instant.parse("2020-01-02T00:00:00Z"),
                    histogram ? spec.commandLine().getOut() : null);
            long cpuBefore = processCpuNanos();
            try (StateStore state = openStore(out)) {
                result = Simulation.builder().config(config).stateStore(state).addSink(sink(out))
                        .threads(threads).sliceEvents(sliceEvents).addListener(probe)
                        .addExtension(DriverExtensionProvider.of(probe.name(), e -> probe)).build().run();
            }
            long cpu = processCpuNanos() - cpuBefore;
            long bytes;
            try (Stream<Path> files = Files.walk(out)) {
                bytes = files.filter(p -> !p.getFileName().toString().endsWith(".sqlite"))
                        .mapToLong(p -> p.toFile().isFile() ? p.toFile().length() : 0).sum();
            }
            spec.commandLine().getOut().println(result.summary());
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "bench (%s, %s store, %s, %d shards, %d threads): %d users, %d days: %,d log events in %.1f s = "
                            + "%,.0f log events/s; CPU %.2f us per log event; output %.1f MB%n",
                    workload, store, sink, shards, threads, users, days, result.logEvents(),
                    result.wallTime().toMillis() / 1000.0, result.logEventsPerSecond(),
                    result.logEvents() == 0 ? 0 : cpu / 1000.0 / result.logEvents(), bytes / 1e6);
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "users created in %.2f s (%.1f us per user); live heap per user after day 1: %s; "
                            + "peak heap at most %.0f MB (the heap pools' peaks added; max heap %.0f MB)%n",
                    result.userCreation().toMillis() / 1000.0,
                    users == 0 ? 0 : result.userCreation().toNanos() / 1000.0 / users,
                    probe.liveBytes < 0 ? "not measured (run shorter than a day)"
                            : String.format(Locale.ROOT, "%,.0f bytes (%.0f MB in use after a full GC)",
                                    users == 0 ? 0 : (probe.liveBytes - baseline) / (double) users,
                                    probe.liveBytes / 1e6),
                    peakHeapBytes() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
            spec.commandLine().getOut().printf(Locale.ROOT, "garbage collector: %s; %.1f s in collections%n",
                    collectors(), collectionMillis() / 1000.0);
        } finally {
            if (!keep) {
                try (Stream<Path> files = Files.walk(out)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } else {
                spec.commandLine().getOut().println("output kept in " + out);
            }
        }
        return 0;
    }

    private EventSink sink(Path out) {
        switch (sink) {
            case "csv":
                return CsvEventSink.to(out);
            case "csv.gz":
                return CsvEventSink.builder().directory(out).compression(Compression.GZIP).build();
            case "csv.zst":
                return CsvEventSink.builder().directory(out).compression(Compression.ZSTD).build();
            case "jsonl":
                return JsonLinesEventSink.to(out);
            case "jsonl.gz":
                return JsonLinesEventSink.builder().directory(out).compression(Compression.GZIP).build();
            case "jsonl.zst":
                return JsonLinesEventSink.builder().directory(out).compression(Compression.ZSTD).build();
            case "parquet":
                return ParquetEventSink.to(out);
            default:
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sink must be csv, csv.gz,"
                        + " csv.zst, jsonl, jsonl.gz, jsonl.zst or parquet, not " + sink);
        }
    }

    private StateStore openStore(Path out) {
        switch (store) {
            case sqlite:
                return JooqStateStore.sqlite(out.resolve("bench.sqlite"));
            case postgresql:
                JooqStateStore pg = JooqStateStore.open(dbUri);
                pg.clear(new RunKey("bench", "bench"));
                return pg;
            default:
                return new InMemoryStateStore();
        }
    }

    /**
     * Measures the live heap once, at the start of the first step that starts at or after {@code at} (on the
     * simulation thread, before it does anything in that step), after waiting for the output thread to have written
     * and committed every earlier step - or at the end of a run that ends there: so the figure is the users,
     * catalogs and engine between steps, without the events and records of steps in flight.
     */
    static final class LiveHeapProbe implements SimulationListener, DriverExtension {
        private final long atMicros;
        private final PrintWriter histogram;
        /** The clock of the last step written and committed; guarded by this probe. */
        private long committedUntil = Long.MIN_VALUE;
        volatile long liveBytes = -1;

        LiveHeapProbe(Instant at, PrintWriter histogram) {
            this.atMicros = Micros.of(at);
            this.histogram = histogram;
        }

        @Override
        public String name() {
            return "bench_live_heap_probe";
        }

        @Override
        public boolean watchesUsers() {
            return false;
        }

        @Override
        public void stepFinished(StepSummary step) {
            synchronized (this) {
                committedUntil = Micros.of(step.clock());
                notifyAll();
            }
        }

        @Override
        public void startOfStep(StepContext step) {
            if (liveBytes >= 0 || step.stepStartMicros() < atMicros) {
                return;
            }
            synchronized (this) {
                while (committedUntil < step.stepStartMicros()) {
                    try {
                        wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            measure();
        }

        /** A run that ends at {@code at} is measured at its end, when every step is committed. */
        @Override
        public void runFinished(Instant clock) {
            if (liveBytes < 0 && Micros.of(clock) >= atMicros) {
                measure();
            }
        }

        private void measure() {
            liveBytes = liveHeapBytes();
            if (histogram != null) {
                histogram.println(classHistogram(30));
            }
        }
    }

    /** The first {@code lines} lines of the JVM's class histogram of the live heap (as {@code jcmd GC.class_histogram}). */
    static String classHistogram(int lines) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            return String.join("\n", String.valueOf(text).lines().limit(lines).toList());
        } catch (JMException e) {
            return "no class histogram: " + e.getMessage();
        }
    }

    /** Heap in use after a full collection. */
    static long liveHeapBytes() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** CPU time of the whole process (every thread, GC included), or 0 where the JVM does not tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** The names of the JVM's collectors, e.g. {@code G1 Young Generation, G1 Old Generation}. */
    static String collectors() {
        return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
    }

    /** The time the collectors report having spent in collections (pauses, and for some concurrent work). */
    static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static String resource(String name) {
        try (InputStream in = Bench.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
