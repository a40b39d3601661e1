package dev.synth.examples.subscriber;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.SimulationConfig;
import dev.synth.output.csv.CsvEventSink;
import dev.synth.spi.InMemoryStateStore;
import java.nio.file.Path;

/**
 * Runs {@code config/streaming_subscribers.yml}, whose profiles use the custom {@link StreamingSubscriber} through
 * {@code user_type: subscriber}.
 *
 * <p>Run it with {@code java -cp synth-examples/target/synth-examples.jar
 * dev.synth.examples.subscriber.SubscriberExample [config] [output-dir]}. Without an output directory it writes the
 * files the configuration names (and resumes from its SQLite file when run again); with one it writes
 * {@code log_events.csv} and {@code catalog_events.csv} there and keeps the state in memory.
 */
public final class SubscriberExample {
    private SubscriberExample() {
    }

    /**
     * Runs the example.
     *
     * @param args optional configuration file (default {@code synth-examples/config/streaming_subscribers.yml})
     *             and output directory
     */
    public static void main(String[] args) {
        Path config = Path.of(args.length > 0 ? args[0] : "synth-examples/config/streaming_subscribers.yml");
        SimulationResult result = args.length > 1 ? run(config, Path.of(args[1])) : run(config);
        System.out.println(result.summary());
    }

    /**
     * Runs the configuration as written: its {@code sink_types} and {@code db_uri}.
     *
     * @param config the YAML file
     * @return what the run did
     */
    public static SimulationResult run(Path config) {
        return builder(config).build().run();
    }

    /**
     * Runs the configuration with CSV output to {@code outputDir} and its state in memory (a fresh run every time).
     *
     * @param config    the YAML file
     * @param outputDir where to write {@code log_events.csv} and {@code catalog_events.csv}
     * @return what the run did
     */
    public static SimulationResult run(Path config, Path outputDir) {
        return builder(config).addSink(CsvEventSink.to(outputDir)).stateStore(new InMemoryStateStore()).build().run();
    }

    private static Simulation.Builder builder(Path config) {
        return Simulation.builder()
                .config(SimulationConfig.fromYaml(config))
                .registerUserType(new SubscriberTypeProvider());
    }
}
