package dev.synth.engine;

import dev.synth.config.SimulationConfig;
import dev.synth.spi.Sleeper;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * Creates a {@link DriverExtension} for each run. Register one on the builder with
 * {@code Simulation.builder().addExtension(provider)}, or make it available to every simulation on the
 * classpath by listing the class in {@code META-INF/services/dev.synth.engine.DriverExtensionProvider}
 * ({@link java.util.ServiceLoader}; such classes need a public no-argument constructor). A provider added on
 * the builder replaces a discovered one of the same {@link #name()}, keeping its place in the order.
 */
public interface DriverExtensionProvider {
    /** What an extension may use when it is created. */
    record Environment(SimulationConfig config, Clock wallClock, Sleeper sleeper) {
        public Environment {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(wallClock, "wallClock");
            Objects.requireNonNull(sleeper, "sleeper");
        }
    }

    /** The name of the extensions it creates (their {@link DriverExtension#name()}). */
    String name();

    /** A new extension for one run. */
    DriverExtension create(Environment environment);

    /** A provider named {@code name} that creates extensions with {@code create}. */
    static DriverExtensionProvider of(String name, Function<Environment, DriverExtension> create) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(create, "create");
        return new DriverExtensionProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public DriverExtension create(Environment environment) {
                return create.apply(environment);
            }
        };
    }
}
