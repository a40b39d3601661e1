package dev.synth.persistence.jooq;

import dev.synth.ConfigException;
import dev.synth.StateStoreException;
import dev.synth.config.ConfigProblem;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.StateStoreProvider;
import java.util.List;

/**
 * Opens a {@link JooqStateStore} for the {@code global.db_uri} forms that {@link DbUri} accepts: SQLite files,
 * PostgreSQL and MariaDB/MySQL, as SQLAlchemy-style URIs or JDBC URLs. Registered for {@link java.util.ServiceLoader}.
 */
public final class JooqStateStoreProvider implements StateStoreProvider {
    private static final String KEY = "global.db_uri";

    @Override
    public boolean supports(String dbUri) {
        return DbUri.isSupported(dbUri);
    }

    /**
     * Opens and migrates the store. A URI that cannot work - malformed, or a SQLite file that cannot be created -
     * is a {@link ConfigException} naming {@code global.db_uri} (without the password); an unreachable server
     * is a {@link StateStoreException} after the retries.
     */
    @Override
    public JooqStateStore open(String dbUri, SimulationConfig config) {
        String source = config.sourceFile().map(Object::toString).orElse(null);
        DbUri uri;
        try {
            uri = DbUri.parse(dbUri, config::resolve);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, List.of(new ConfigProblem(KEY, DbUri.redact(dbUri), e.getMessage())));
        }
        if (uri.sqliteFile().isPresent()) {
            try {
                JooqStateStore.prepareSqliteFile(uri.sqliteFile().get());
            } catch (StateStoreException e) {
                throw new ConfigException(source, List.of(new ConfigProblem(KEY, dbUri, e.getMessage())));
            }
        }
        return JooqStateStore.builder().location(uri).build();
    }
}
