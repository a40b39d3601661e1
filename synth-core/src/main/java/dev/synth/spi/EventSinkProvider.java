package dev.synth.spi;

import dev.synth.config.SimulationConfig;

/**
 * Creates a sink named in configuration ({@code global.sink_types}). Implementations are discovered with
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.synth.spi.EventSinkProvider}); sinks added on the builder need no provider.
 */
public interface EventSinkProvider {
    /** The name used in {@code sink_types}, e.g. {@code csv}. */
    String type();

    /** A new sink for the configuration; throw a {@link dev.synth.ConfigException} naming the key at fault. */
    EventSink create(SimulationConfig config);
}
