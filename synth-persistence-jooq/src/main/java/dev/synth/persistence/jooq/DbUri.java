package dev.synth.persistence.jooq;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;

/**
 * A database location, parsed from a {@code global.db_uri} value: the JDBC URL, the credentials kept apart
 * from it, the jOOQ dialect, and a {@linkplain #redacted() printable form without the password}.
 *
 * <p>Accepted forms (reference 6.1, SQLAlchemy style, and plain JDBC):
 * <ul>
 *   <li>{@code sqlite:////absolute/path.sqlite}, {@code sqlite:///relative/path.sqlite} (relative to the
 *       configuration file's folder), {@code jdbc:sqlite:/path.sqlite}</li>
 *   <li>{@code postgresql://user:password@host:port/database?options} (also {@code postgres://} and
 *       {@code postgresql+driver://}), {@code jdbc:postgresql://...}</li>
 *   <li>{@code mariadb://...} and {@code mysql://...} (also {@code mysql+driver://}), {@code jdbc:mariadb://...},
 *       {@code jdbc:mysql://...}; all use the MariaDB driver</li>
 * </ul>
 * User names and passwords in the SQLAlchemy forms may be percent-encoded. In-memory SQLite is not a
 * {@code DbUri}: {@code sqlite:///:memory:} is handled by the simulation itself (D27).
 *
 * <p>{@link #toString()} is the redacted form: a {@code DbUri} can be logged or put into a message safely.
 *
 * @param jdbcUrl    the JDBC URL, without credentials for the SQLAlchemy forms
 * @param user       the user name, if given apart from the URL
 * @param password   the password, if given apart from the URL; never printed
 * @param dialect    the jOOQ dialect: {@code SQLITE}, {@code POSTGRES}, {@code MARIADB} or {@code MYSQL}
 * @param sqliteFile the database file for SQLite
 */
public record DbUri(String jdbcUrl, Optional<String> user, Optional<String> password, SQLDialect dialect,
        Optional<Path> sqliteFile) {

    private static final Pattern NETWORK = Pattern.compile(
            "(?i)(postgres|postgresql|mysql|mariadb)(\\+[a-z0-9_]+)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]*)(/[^?]*)?(\\?.*)?");
    private static final Pattern JDBC_PASSWORD = Pattern.compile("(?i)(password=)[^&;)]*");
    private static final Pattern JDBC_USERINFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    public DbUri {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(sqliteFile, "sqliteFile");
    }

    /** Whether {@code uri} has one of the accepted forms (without checking the rest of it). */
    public static boolean isSupported(String uri) {
        String u = uri.trim().toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:sqlite:") || u.startsWith("jdbc:postgresql:") || u.startsWith("jdbc:mariadb:")
                || u.startsWith("jdbc:mysql:") || u.startsWith("sqlite:") || NETWORK.matcher(uri.trim()).matches();
    }

    /** A SQLite database file. */
    public static DbUri sqlite(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new DbUri("jdbc:sqlite:" + abs, Optional.empty(), Optional.empty(), SQLDialect.SQLITE, Optional.of(abs));
    }

    /**
     * Parses {@code uri}; relative SQLite paths go through {@code resolve} (e.g.
     * {@link dev.synth.config.SimulationConfig#resolve}).
     *
     * @throws IllegalArgumentException naming what is wrong - without the password
     */
    public static DbUri parse(String uri, Function<String, Path> resolve) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(resolve, "resolve");
        String u = uri.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:")) {
            return parseSqlite(u, resolve);
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            String rest = u.substring("jdbc:sqlite:".length());
            String file = rest.startsWith("file:") ? rest.substring(5) : rest;
            int query = file.indexOf('?');
            if (query >= 0) {
                file = file.substring(0, query);
            }
            if (file.isEmpty() || file.contains(":memory:") || file.contains("mode=memory")) {
                throw new IllegalArgumentException("an in-memory SQLite database cannot be resumed and is not shared by"
                        + " the connections of a pool; use sqlite:///:memory: for a private in-memory store");
            }
            Path path = Path.of(file).isAbsolute() ? Path.of(file) : resolve.apply(file);
            return sqlite(path);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new DbUri(u, Optional.empty(), Optional.empty(), SQLDialect.POSTGRES, Optional.empty());
        }
        if (lower.startsWith("jdbc:mariadb:")) {
            return new DbUri(u, Optional.empty(), Optional.empty(), SQLDialect.MARIADB, Optional.empty());
        }
        if (lower.startsWith("jdbc:mysql:")) {
            // the MariaDB driver serves MySQL servers too; it takes jdbc:mariadb: URLs
            return new DbUri("jdbc:mariadb:" + u.substring("jdbc:mysql:".length()), Optional.empty(), Optional.empty(),
                    SQLDialect.MYSQL, Optional.empty());
        }
        Matcher m = NETWORK.matcher(u);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + redact(u) + "' is not a database URI synth understands: use"
                    + " sqlite:///file.sqlite, postgresql://user:password@host:port/database, mysql://... or a JDBC URL");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(5);
        String database = m.group(6) == null ? "" : m.group(6);
        String query = m.group(7) == null ? "" : m.group(7);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + redact(u) + "' names no host");
        }
        if (database.length() <= 1) {
            throw new IllegalArgumentException("'" + redact(u) + "' names no database (…/database)");
        }
        Optional<String> user = Optional.ofNullable(m.group(3)).filter(s -> !s.isEmpty()).map(DbUri::decode);
        Optional<String> password = Optional.ofNullable(m.group(4)).map(DbUri::decode);
        boolean postgres = scheme.startsWith("postgres");
        String jdbc = (postgres ? "jdbc:postgresql://" : "jdbc:mariadb://") + host + database + query;
        SQLDialect dialect = postgres ? SQLDialect.POSTGRES : scheme.equals("mysql") ? SQLDialect.MYSQL
                : SQLDialect.MARIADB;
        return new DbUri(jdbc, user, password, dialect, Optional.empty());
    }

    private static DbUri parseSqlite(String u, Function<String, Path> resolve) {
        // SQLAlchemy: sqlite:///relative/path, sqlite:////absolute/path; sqlite:// and :memory: are in-memory
        if (!u.startsWith("sqlite:///") || u.length() == "sqlite:///".length()) {
            throw new IllegalArgumentException("'" + u + "' names no SQLite file: use sqlite:///relative/file.sqlite"
                    + " or sqlite:////absolute/file.sqlite (sqlite:///:memory: for a private in-memory store)");
        }
        String path = u.substring("sqlite:///".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.equals(":memory:")) {
            throw new IllegalArgumentException("sqlite:///:memory: is the in-memory store, not a database file");
        }
        Path file = path.startsWith("/") ? Path.of(path) : resolve.apply(path);
        return sqlite(file);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The location with any password replaced by {@code ****}: safe for logs and messages. */
    public String redacted() {
        String base = redact(jdbcUrl);
        return user.map(name -> base + " (user " + name + ")").orElse(base);
    }

    /** {@code text} with passwords of URIs and JDBC URLs replaced by {@code ****}. */
    public static String redact(String text) {
        String out = JDBC_PASSWORD.matcher(text).replaceAll("$1****");
        out = JDBC_USERINFO.matcher(out).replaceAll("$1****@");
        return out;
    }

    /** {@code message} with this location's password, wherever it occurs, replaced by {@code ****}. */
    String scrub(String message) {
        if (message == null) {
            return null;
        }
        String out = redact(message);
        if (password.isPresent() && !password.get().isEmpty()) {
            out = out.replace(password.get(), "****");
        }
        return out;
    }

    /** The redacted form; never the password. */
    @Override
    public String toString() {
        return redacted();
    }
}
