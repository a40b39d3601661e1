package dev.synth.spi;

import java.util.List;

import dev.synth.config.SimulationConfig;

/**
 * Opens the state store that {@code global.db_uri} names, when no store is set on the builder.
 * Implementations are discovered with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.synth.spi.StateStoreProvider}); {@code synth-persistence-jooq} provides the
 * SQL one. {@code sqlite:///:memory:} always means a private {@link InMemoryStateStore} (D27).
 */
public interface StateStoreProvider {
    /** Whether this provider can open {@code dbUri} (e.g. {@code jdbc:sqlite:...}, {@code postgresql://...}). */
    boolean supports(String dbUri);

    /**
     * Opens the store. Relative file paths in the URI are resolved with {@link SimulationConfig#resolve}.
     * Throw a {@link dev.synth.ConfigException} naming {@code global.db_uri} for a URI that cannot work;
     * never put the password in a message.
     */
    StateStore open(String dbUri, SimulationConfig config);

    /**
     * The problems {@link #open} would meet with {@code dbUri} that can be known without connecting (a malformed
     * URI, a database file that cannot be created, names longer than the store keeps), each naming its key and
     * without the password. Called when the simulation is built and by {@code validate}; must create nothing.
     * Default: none.
     */
    default List<dev.synth.config.ConfigProblem> check(String dbUri, SimulationConfig config) {
        return List.of();
    }

    /** The local files the store at {@code dbUri} keeps its data in (none for a server). Default: none. */
    default List<java.nio.file.Path> files(String dbUri, SimulationConfig config) {
        return List.of();
    }
}
