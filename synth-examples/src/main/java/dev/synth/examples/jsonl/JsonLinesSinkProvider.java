package dev.synth.examples.jsonl;

import dev.synth.config.SimulationConfig;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import java.io.OutputStream;

/**
 * Makes {@code sink_types: [jsonl]} available in YAML: listed in
 * {@code META-INF/services/dev.synth.spi.EventSinkProvider}, so {@link dev.synth.Simulation.Builder#build()}
 * finds it with {@link java.util.ServiceLoader}. The sink writes to standard output, as it is when the sink is
 * created.
 */
public final class JsonLinesSinkProvider implements EventSinkProvider {
    /** The name to use in {@code global.sink_types}. */
    public static final String TYPE = "jsonl";

    /** Called by {@link java.util.ServiceLoader}. */
    public JsonLinesSinkProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public EventSink create(SimulationConfig config) {
        OutputStream stdout = System.out;
        return new JsonLinesSink(stdout);
    }
}
