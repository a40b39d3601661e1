package dev.synth.examples.quickstart;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.output.csv.CsvEventSink;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The smallest useful simulation, configured in Java without a YAML file: 50 users of two profiles for one
 * simulated week, written as CSV.
 *
 * <p>Run it with {@code java -cp synth-examples/target/synth-examples.jar
 * dev.synth.examples.quickstart.Quickstart [output-dir]}; it writes {@code log_events.csv} and
 * {@code catalog_events.csv} into the directory (default {@code quickstart-out}) and prints a summary line.
 */
public final class Quickstart {
    private Quickstart() {
    }

    /**
     * Runs the example.
     *
     * @param args optional output directory
     */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "quickstart-out");
        System.out.println(run(out).summary());
    }

    /** The configuration: every setting not named here keeps its documented default. */
    public static SimulationConfig config() {
        return SimulationConfig.builder()
                .global(g -> g.organisation("acme").project("quickstart").seed(42)
                        .startTs(Instant.parse("2024-01-01T00:00:00Z"))
                        // no dbUri: a configuration built in Java keeps its state in memory, so each run
                        // starts over and writes the same files (see ResumeExample for a resumable run)
                        .endTs(Instant.parse("2024-01-08T00:00:00Z")))
                .population(p -> p.initialCount(50).targetMinCount(40).targetMaxCount(60))
                .addProfile(ProfileConfig.builder("casual")
                        .occurrenceProbability(0.8)
                        .sessionCount(1, 2)
                        .sessionLengthSeconds(60, 900)
                        .eventProbability("page", 0.7)
                        .eventProbability("search", 0.3)
                        .build())
                .addProfile(ProfileConfig.builder("learner")
                        .occurrenceProbability(0.2)
                        .sessionCount(1, 4)
                        .sessionLengthSeconds(300, 3600)
                        .eventProbability("video", 0.5)
                        .eventProbability("module", 0.3)
                        .eventProbability("exam", 0.2)
                        .build())
                .build();
    }

    /**
     * Runs the simulation, writing {@code log_events.csv} and {@code catalog_events.csv} into {@code out}.
     *
     * @param out output directory, created if needed
     * @return what the run did
     */
    public static SimulationResult run(Path out) {
        return Simulation.builder()
                .config(config())
                .addSink(CsvEventSink.to(out))
                .build()
                .run();
    }
}
