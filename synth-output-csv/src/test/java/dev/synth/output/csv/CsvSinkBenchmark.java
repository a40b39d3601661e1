package dev.synth.output.csv;

import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import dev.synth.spi.RunKey;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Measures the sink's throughput. Like the engine, each step first creates its events (a realistic mix:
 * identify, page, item with a nested item, media, nudge_response; about 270 bytes a row, plus one catalog row per
 * 20 log rows), then hands them to the sink; only the sink's work is timed. Three ways: rendering only (no
 * I/O), writing to the OS with one commit at the end, and committing (forcing both files to the device) after
 * every step. Prints rows per second of wall time, and per second of this thread's CPU time, which stays
 * meaningful when other processes share the cores. Not a test. Run from the repository root:
 *
 * <pre>
 * mvn -q -pl synth-output-csv -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp synth-output-csv/target/test-classes:synth-output-csv/target/classes:$(cat synth-output-csv/target/cp.txt) \
 *     dev.synth.output.csv.CsvSinkBenchmark [log rows per round, default 4000000] [log rows per step, default 20000]
 * </pre>
 */
public final class CsvSinkBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int rows;
    private final int stepRows;
    private long wallNanos;
    private long cpuNanos;

    private CsvSinkBenchmark(int rows, int stepRows) {
        this.rows = rows;
        this.stepRows = stepRows;
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 4_000_000;
        int stepRows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Path dir = Files.createTempDirectory("csv-bench");
        System.out.printf(Locale.ROOT, "%,d log rows per round, %,d per step, one catalog row per 20 log rows%n",
                rows, stepRows);
        for (int round = 0; round <= 3; round++) {
            String label = round == 0 ? "warm-up" : "round " + round;
            new CsvSinkBenchmark(rows, stepRows).render().report(label, "render only (no I/O)");
            new CsvSinkBenchmark(rows, stepRows).write(dir, false).report(label, "to the OS, one commit at the end");
            new CsvSinkBenchmark(rows, stepRows).write(dir, true).report(label, "commit (fsync) every step");
        }
        Files.delete(dir);
    }

    /** Rows rendered into memory, as the sink renders them, without touching a file. */
    private CsvSinkBenchmark render() throws IOException {
        CsvFormat format = new CsvFormat();
        OutBuffer log = new OutBuffer(1 << 20);
        OutBuffer catalog = new OutBuffer(1 << 18);
        SplittableRandom random = new SplittableRandom(42);
        for (int written = 0; written < rows; written += stepRows) {
            List<LogEvent> step = logEvents(random, stepRows);
            List<CatalogEvent> catalogStep = catalogEvents(random, stepRows / 20);
            long[] t0 = now();
            log.reset();
            catalog.reset();
            for (LogEvent e : step) {
                if ((log.size() & ~0xFFFFF) != 0) {
                    log.reset(); // keep it from growing: only the rendering is measured
                }
                format.writeLogRow(log, e);
            }
            for (CatalogEvent e : catalogStep) {
                format.writeCatalogRow(catalog, e);
            }
            stop(t0);
        }
        return this;
    }

    private CsvSinkBenchmark write(Path dir, boolean commitEveryStep) throws IOException {
        CsvEventSink sink = CsvEventSink.to(dir);
        SplittableRandom random = new SplittableRandom(42);
        long[] t0 = now();
        sink.open(new RunKey("bench", "bench"), Optional.empty());
        stop(t0);
        for (int written = 0; written < rows; written += stepRows) {
            List<LogEvent> step = logEvents(random, stepRows);
            List<CatalogEvent> catalogStep = catalogEvents(random, stepRows / 20);
            t0 = now();
            sink.write(step, catalogStep);
            if (commitEveryStep) {
                sink.commit();
            }
            stop(t0);
        }
        t0 = now();
        sink.commit();
        sink.close();
        stop(t0);
        Files.delete(sink.logFile());
        Files.delete(sink.catalogFile());
        return this;
    }

    private void report(String round, String what) {
        System.out.printf(Locale.ROOT, "%-8s %-34s %,12.0f log rows/s  (%,.0f per CPU second)%n", round, what,
                rows / (wallNanos / 1e9), rows / (cpuNanos / 1e9));
    }

    private static long[] now() {
        return new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()};
    }

    private void stop(long[] start) {
        wallNanos += System.nanoTime() - start[0];
        cpuNanos += THREADS.getCurrentThreadCpuTime() - start[1];
    }

    private static List<LogEvent> logEvents(SplittableRandom random, int n) {
        List<LogEvent> events = new ArrayList<>(n);
        long ts = 1_577_836_800_000_000L; // 2020-01-01
        for (int i = 0; i < n; i++) {
            String user = "average-" + uuid(random);
            String device = Long.toString(random.nextLong());
            ts += random.nextInt(60_000_000);
            boolean online = random.nextBoolean();
            int up = 1000 + random.nextInt(99_000);
            int dn = 1000 + random.nextInt(99_000);
            LogEvent e = switch (i % 5) {
                case 0 -> new LogEvent(user, device, ts, online, "identify", Block.CORE,
                        Props.of("action", "login"), up, dn);
                case 1 -> new LogEvent(user, device, ts, online, "page", Block.CORE,
                        Props.of("path", "/catalog/items/" + random.nextInt(1000), "title",
                                "Base across station respond.", "duration", random.nextDouble() * 300), up, dn);
                case 2 -> new LogEvent(user, device, ts, online, "item", Block.ECOMMERCE,
                        Props.of("action", "impression", "item", Props.of("id", uuid(random), "type",
                                "medical_equipment", "quantity", 1, "price",
                                Math.round(random.nextDouble() * 10_000) / 100.0, "currency", "USD", "stock_status",
                                "low_stock"), "usd_rate", 1.0), up, dn);
                case 3 -> new LogEvent(user, device, ts, online, "media", Block.CORE,
                        Props.of("type", "video", "id", "video_" + uuid(random), "id_source", uuid(random),
                                "action", "play", "time", random.nextDouble() * 1_000_000), up, dn);
                default -> new LogEvent(user, device, ts, online, "nudge_response", Block.CORE,
                        Props.of("nudge_id", -1 - (random.nextLong() >>> 1), "type", "push_notification",
                                "response", Props.of("action", "discard")), up, dn);
            };
            events.add(e);
        }
        return events;
    }

    private static List<CatalogEvent> catalogEvents(SplittableRandom random, int n) {
        List<CatalogEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(new CatalogEvent(1_577_836_800_000_000L + i * 1_000_000L, CatalogType.MEDIA_VIDEO,
                    Props.of("uuid", uuid(random), "media_type", "video", "name", "Too their act serious him.",
                            "description", "Base across station respond.", "lang", "en",
                            "length", (double) random.nextInt(2_000_000), "resolution", "480")));
        }
        return events;
    }

    private static String uuid(SplittableRandom random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
