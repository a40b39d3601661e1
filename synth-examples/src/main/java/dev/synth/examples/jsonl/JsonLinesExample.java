package dev.synth.examples.jsonl;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.SimulationConfig;

/**
 * Runs {@code config/jsonl_to_stdout.yml}, whose {@code sink_types: [jsonl]} selects the JSON Lines sink
 * ({@code dev.synth.output.csv.JsonLinesEventSink}, found by name through its {@code EventSinkProvider} in
 * {@code META-INF/services}): every event is printed to standard output as a JSON line, and the summary goes
 * to standard error. A sink of your own plugs in the same way: implement {@code EventSink}, register an
 * {@code EventSinkProvider}, and check it with the {@code EventSinkContract} of {@code synth-test}.
 *
 * <p>Run it with {@code java -cp synth-examples/target/synth-examples.jar dev.synth.examples.jsonl.JsonLinesExample
 * [config]}, or through the command line: {@code java -jar synth-examples/target/synth-examples.jar run
 * synth-examples/config/jsonl_to_stdout.yml} (the command line's summary line then follows the events).
 */
public final class JsonLinesExample {
    private JsonLinesExample() {
    }

    /**
     * Runs the example.
     *
     * @param args optional configuration file (default {@code synth-examples/config/jsonl_to_stdout.yml})
     */
    public static void main(String[] args) {
        SimulationResult result = run(java.nio.file.Path.of(args.length > 0 ? args[0]
                : "synth-examples/config/jsonl_to_stdout.yml"));
        System.err.println(result.summary());
    }

    /**
     * Runs a configuration as written, with the sinks its {@code sink_types} names.
     *
     * @param config the YAML file
     * @return what the run did
     */
    public static SimulationResult run(java.nio.file.Path config) {
        return Simulation.builder().config(SimulationConfig.fromYaml(config)).build().run();
    }
}
