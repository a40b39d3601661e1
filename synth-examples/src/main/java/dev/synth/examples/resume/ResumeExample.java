package dev.synth.examples.resume;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.SimulationConfig;
import dev.synth.examples.quickstart.Quickstart;
import dev.synth.output.csv.CsvEventSink;
import dev.synth.persistence.jooq.JooqStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Stop and resume against SQLite: a run is stopped half way, and a second {@link Simulation} - as a later process
 * would - continues it from the state committed in the SQLite file. The files it leaves behind are byte for byte
 * those of one unbroken run.
 *
 * <p>Run it with {@code java -cp synth-examples/target/synth-examples.jar
 * dev.synth.examples.resume.ResumeExample [work-dir]}: it writes {@code unbroken/} and {@code resumed/} under the
 * directory (default {@code resume-out}) and prints whether they are identical.
 */
public final class ResumeExample {
    private ResumeExample() {
    }

    /**
     * Runs the example.
     *
     * @param args optional working directory
     */
    public static void main(String[] args) {
        Outcome outcome = run(Path.of(args.length > 0 ? args[0] : "resume-out"));
        System.out.println("first part:  " + outcome.firstPart().summary());
        System.out.println("second part: " + outcome.secondPart().summary());
        System.out.println("unbroken:    " + outcome.unbroken().summary());
        System.out.println(outcome.identical() ? "the resumed run's files equal the unbroken run's"
                : "the files differ");
    }

    /**
     * What the example did.
     *
     * @param firstPart  the run up to the midpoint
     * @param secondPart the resumed run from the midpoint to the end
     * @param unbroken   the same simulation in one go
     * @param resumedDir where the stopped and resumed run wrote its CSV files and its SQLite file
     * @param unbrokenDir where the unbroken run wrote its CSV files
     * @param identical  whether both CSV files are byte-identical between the two directories
     */
    public record Outcome(SimulationResult firstPart, SimulationResult secondPart, SimulationResult unbroken,
            Path resumedDir, Path unbrokenDir, boolean identical) {
    }

    /**
     * Runs the quickstart's simulation twice under {@code workDir}: stopped at its midpoint and resumed, and
     * unbroken; then compares the files.
     *
     * @param workDir directory for both runs' output
     * @return what happened
     */
    public static Outcome run(Path workDir) {
        SimulationConfig config = Quickstart.config();
        Instant start = config.global().startTs();
        Instant end = config.global().endTs().orElseThrow();
        Instant midpoint = start.plus(java.time.Duration.between(start, end).dividedBy(2));

        Path resumed = workDir.resolve("resumed");
        Path sqlite = resumed.resolve("synth.sqlite");
        SimulationResult first;
        // First "process": runs up to the midpoint. end(...) stops this call there; stop() from another thread
        // (or Ctrl-C in the command line) stops at the end of the current step just the same.
        try (JooqStateStore store = JooqStateStore.sqlite(sqlite)) {
            first = Simulation.builder().config(config).stateStore(store).addSink(CsvEventSink.to(resumed))
                    .end(midpoint).build().run();
        }
        // Second "process": new store object, new sink, new simulation. It finds the run (same organisation and
        // project) in the SQLite file, truncates the CSV files to their committed positions and continues.
        SimulationResult second;
        try (JooqStateStore store = JooqStateStore.sqlite(sqlite)) {
            second = Simulation.builder().config(config).stateStore(store).addSink(CsvEventSink.to(resumed))
                    .build().run();
        }

        Path unbroken = workDir.resolve("unbroken");
        SimulationResult whole = Simulation.builder().config(config).addSink(CsvEventSink.to(unbroken)).build().run();

        boolean identical = sameBytes(resumed.resolve(CsvEventSink.LOG_FILE_NAME),
                unbroken.resolve(CsvEventSink.LOG_FILE_NAME))
                && sameBytes(resumed.resolve(CsvEventSink.CATALOG_FILE_NAME),
                unbroken.resolve(CsvEventSink.CATALOG_FILE_NAME));
        return new Outcome(first, second, whole, resumed, unbroken, identical);
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.mismatch(a, b) == -1L;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
