package dev.synth.examples;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.SimulationConfig;
import dev.synth.output.csv.CsvEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fixed benchmark workloads: 10,000 session-engagement users ({@code bench.yml}) or 10,000 shoppers with
 * promotions ({@code bench-purchase.yml}, {@code --workload purchase}) for 30 simulated days, CSV output to a
 * temporary directory (deleted afterwards). Prints log events per second and the peak heap.
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

    @Option(names = "--keep", description = "keep the output directory")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        if (!workload.equals("session") && !workload.equals("purchase")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--workload must be session or purchase, not " + workload);
        }
        String yaml = resource(workload.equals("session") ? "bench.yml" : "bench-purchase.yml")
                .replace("${USERS}", Integer.toString(users))
                .replace("${END}", LocalDateTime.of(2020, 1, 1, 0, 0).plusDays(days).toString().replace('T', ' ') + ":00");
        SimulationConfig config = SimulationConfig.fromYaml(yaml, "bench.yml");
        Path out = Files.createTempDirectory("synth-bench");
        try {
            SimulationResult result = Simulation.builder().config(config).addSink(CsvEventSink.to(out)).build().run();
            long bytes;
            try (Stream<Path> files = Files.list(out)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.println(result.summary());
            System.out.printf(Locale.ROOT,
                    "bench (%s): %d users, %d days: %,d log events in %.1f s = %,.0f log events/s; "
                            + "CSV %.1f MB; peak heap %.0f MB (max heap %.0f MB)%n",
                    workload, users, days, result.logEvents(), result.wallTime().toMillis() / 1000.0,
                    result.logEventsPerSecond(), bytes / 1e6, peakHeapBytes() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6);
        } finally {
            if (!keep) {
                try (Stream<Path> files = Files.walk(out)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } else {
                System.out.println("output kept in " + out);
            }
        }
        return 0;
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
