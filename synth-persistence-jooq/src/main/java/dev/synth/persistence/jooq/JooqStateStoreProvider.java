package dev.synth.persistence.jooq;

import dev.synth.ConfigException;
import dev.synth.StateStoreException;
import dev.synth.config.ConfigProblem;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.StateStoreProvider;
import dev.synth.config.PathChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a {@link JooqStateStore} for the {@code global.db_uri} forms that {@link DbUri} accepts: SQLite files,
 * PostgreSQL and MariaDB/MySQL, as SQLAlchemy-style URIs or JDBC URLs. Registered for {@link java.util.ServiceLoader}.
 */
public final class JooqStateStoreProvider implements StateStoreProvider {
    private static final String KEY = "global.db_uri";
    /** The width of {@code driver_meta.organisation} and {@code project}. */
    public static final int MAX_RUN_NAME = 64;
    /** The width of {@code synthetic_user.profile_name}. */
    public static final int MAX_PROFILE_NAME = 128;
    /** The width of {@code synthetic_user.type}. */
    public static final int MAX_USER_TYPE = 64;

    @Override
    public boolean supports(String dbUri) {
        return DbUri.isSupported(dbUri);
    }

    /**
     * Opens and migrates the store. A URI that cannot work - malformed, names longer than the tables keep, or a
     * SQLite file that cannot be created or written - is a {@link ConfigException} naming the key (without the
     * password); an unreachable server is a {@link StateStoreException} after the retries.
     */
    @Override
    public JooqStateStore open(String dbUri, SimulationConfig config) {
        List<ConfigProblem> problems = check(dbUri, config);
        if (!problems.isEmpty()) {
            throw new ConfigException(config.sourceFile().map(Object::toString).orElse(null), problems);
        }
        DbUri uri = DbUri.parse(dbUri, config::resolve);
        if (uri.sqliteFile().isPresent()) {
            try {
                JooqStateStore.prepareSqliteFile(uri.sqliteFile().get());
            } catch (StateStoreException e) {
                throw new ConfigException(config.sourceFile().map(Object::toString).orElse(null),
                        List.of(new ConfigProblem(KEY, dev.synth.Secrets.maskUrl(dbUri), e.getMessage())));
            }
        }
        return JooqStateStore.builder().location(uri).build();
    }

    /**
     * A malformed URI; a SQLite file that cannot be created or written; an organisation or project longer than
     * {@value #MAX_RUN_NAME} characters, a profile name longer than {@value #MAX_PROFILE_NAME} or a user type
     * longer than {@value #MAX_USER_TYPE} (the widths of the key columns). Creates nothing.
     */
    @Override
    public List<ConfigProblem> check(String dbUri, SimulationConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            DbUri uri = DbUri.parse(dbUri, config::resolve);
            uri.sqliteFile().flatMap(PathChecks::writableFileProblem).ifPresent(p -> problems.add(new ConfigProblem(
                    KEY, DbUri.redact(dbUri), "names a SQLite file that " + p)));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(KEY, dev.synth.Secrets.maskUrl(dbUri), e.getMessage()));
        }
        length(problems, "global.organisation", config.global().organisation(), MAX_RUN_NAME);
        length(problems, "global.project", config.global().project(), MAX_RUN_NAME);
        config.profiles().forEach((name, profile) -> {
            length(problems, "users.profiles", name, MAX_PROFILE_NAME);
            length(problems, "users.profiles." + name + ".user_type", profile.userType(), MAX_USER_TYPE);
        });
        return problems;
    }

    private static void length(List<ConfigProblem> problems, String key, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            problems.add(new ConfigProblem(key, value.length() > 80 ? value.substring(0, 77) + "..." : value,
                    "must be at most " + max + " characters long (the width of its column in the state database),"
                            + " but has " + value.codePointCount(0, value.length())));
        }
    }

    /** The SQLite file, for {@code sqlite:} URIs. */
    @Override
    public List<Path> files(String dbUri, SimulationConfig config) {
        try {
            return DbUri.parse(dbUri, config::resolve).sqliteFile().map(List::of).orElse(List.of());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
