package dev.synth.persistence.jooq;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.SimulationConfig;
import dev.synth.output.csv.CsvEventSink;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.StateStore;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** The simulation the resume and crash tests run: small but varied (profiles, mobile users, churn), and its files. */
final class Runs {
    static final long SEED = 20240607L;

    private Runs() {
    }

    /** {@code users} mixed users (two profiles, web and mobile, churn) for the given project. */
    static SimulationConfig config(int users, String project) {
        return config(users, project, 1);
    }

    /** The same, split into {@code shards} shards ({@code global.shards}). */
    static SimulationConfig config(int users, String project, int shards) {
        return TestConfigs.withGlobal(ExampleConfigs.mixedPopulation(users), g -> g.organisation("resume-test")
                .project(project).shards(shards));
    }

    static Instant hour(long hours) {
        return TestConfigs.START.plusSeconds(hours * 3600);
    }

    /** Runs {@code config} until {@code end} with CSV output in {@code out}, state in {@code store}. */
    static SimulationResult run(SimulationConfig config, StateStore store, Path out, Instant end) {
        return run(config, store, out, end, 1);
    }

    /** The same on {@code threads} threads. */
    static SimulationResult run(SimulationConfig config, StateStore store, Path out, Instant end, int threads) {
        return run(config, store, out, end, threads, 1 << 18);
    }

    /**
     * The same with steps sliced for {@code sliceEvents} (1: every step in the most slices, and every changed
     * user's record encoded as the store reads it).
     */
    static SimulationResult run(SimulationConfig config, StateStore store, Path out, Instant end, int threads,
            int sliceEvents) {
        return Simulation.builder().config(config).seed(SEED).stateStore(store).addSink(CsvEventSink.to(out)).end(end)
                .threads(threads).sliceEvents(sliceEvents).build().run();
    }

    /** One unbroken run with an in-memory store; returns the output directory. */
    static Path unbroken(SimulationConfig config, Instant end) {
        Path out = tempDir("synth-unbroken");
        run(config, new InMemoryStateStore(), out, end);
        return out;
    }

    static byte[] log(Path dir) {
        return read(dir.resolve(CsvEventSink.LOG_FILE_NAME));
    }

    static byte[] catalog(Path dir) {
        return read(dir.resolve(CsvEventSink.CATALOG_FILE_NAME));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
