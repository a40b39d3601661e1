package dev.synth.persistence.jooq;

import dev.synth.Secrets;
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
 * User names and passwords in the SQLAlchemy forms may be percent-encoded; the user info ends at the last
 * {@code @}, so a password may also contain {@code /}, {@code :}, {@code ?} and {@code @} as they are. The
 * credentials, and {@code user} / {@code password} parameters of a query string, are taken out of the URL and
 * handed to the driver as connection properties. In-memory SQLite is not a
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

    private static final Pattern NETWORK_SCHEME = Pattern.compile(
            "(?i)(postgres|postgresql|mysql|mariadb)(\\+[a-z0-9_]+)?://");
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._\\-]+)(:[0-9]{1,5})?"
            + "(,(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._\\-]+)(:[0-9]{1,5})?)*");

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
                || u.startsWith("jdbc:mysql:") || u.startsWith("sqlite:") || NETWORK_SCHEME.matcher(uri.trim()).lookingAt();
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
            return jdbc(u, SQLDialect.POSTGRES);
        }
        if (lower.startsWith("jdbc:mariadb:")) {
            return jdbc(u, SQLDialect.MARIADB);
        }
        if (lower.startsWith("jdbc:mysql:")) {
            // the MariaDB driver serves MySQL servers too; it takes jdbc:mariadb: URLs
            return jdbc("jdbc:mariadb:" + u.substring("jdbc:mysql:".length()), SQLDialect.MYSQL);
        }
        Matcher m = NETWORK_SCHEME.matcher(u);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("'" + Secrets.maskUrl(u) + "' is not a database URI synth understands: use"
                    + " sqlite:///file.sqlite, postgresql://user:password@host:port/database, mysql://... or a JDBC URL");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String rest = u.substring(m.end());
        // user info ends at the last '@': a password may contain '/', ':', '?' and '@' (percent-encoded or not)
        int at = rest.lastIndexOf('@');
        String userInfo = at >= 0 ? rest.substring(0, at) : null;
        String hostPart = at >= 0 ? rest.substring(at + 1) : rest;
        int q = hostPart.indexOf('?');
        String query = q >= 0 ? hostPart.substring(q) : "";
        String hostAndPath = q >= 0 ? hostPart.substring(0, q) : hostPart;
        int slash = hostAndPath.indexOf('/');
        String host = slash >= 0 ? hostAndPath.substring(0, slash) : hostAndPath;
        String database = slash >= 0 ? hostAndPath.substring(slash) : "";
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + Secrets.maskUrl(u) + "' names no host");
        }
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + Secrets.maskUrl(u) + "' has no valid host[:port] after the user info"
                    + " (a '@' in a password is fine; percent-encode it as %40 if in doubt)");
        }
        if (database.length() <= 1) {
            throw new IllegalArgumentException("'" + Secrets.maskUrl(u) + "' names no database (…/database)");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String name = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            user = Optional.of(name).filter(s -> !s.isEmpty()).map(Secrets::percentDecode);
            password = colon >= 0 ? Optional.of(Secrets.percentDecode(userInfo.substring(colon + 1))) : Optional.empty();
        }
        boolean postgres = scheme.startsWith("postgres");
        String jdbc = (postgres ? "jdbc:postgresql://" : "jdbc:mariadb://") + host + database;
        SQLDialect dialect = postgres ? SQLDialect.POSTGRES : scheme.equals("mysql") ? SQLDialect.MYSQL
                : SQLDialect.MARIADB;
        return withQueryCredentials(jdbc, query, user, password, dialect);
    }

    /**
     * The JDBC URL {@code base + query} with {@code user} and {@code password} parameters of the query moved out
     * of it: credentials go to the driver as properties, never in a URL a driver might print.
     */
    private static DbUri withQueryCredentials(String base, String query, Optional<String> user,
            Optional<String> password, SQLDialect dialect) {
        StringBuilder kept = new StringBuilder();
        if (!query.isEmpty()) {
            for (String param : query.substring(1).split("&", -1)) {
                int eq = param.indexOf('=');
                String key = (eq >= 0 ? param.substring(0, eq) : param).toLowerCase(Locale.ROOT);
                String value = eq >= 0 ? Secrets.percentDecode(param.substring(eq + 1)) : "";
                if (key.equals("user")) {
                    user = user.isPresent() ? user : Optional.of(value);
                } else if (key.equals("password")) {
                    password = password.isPresent() ? password : Optional.of(value);
                } else if (!param.isEmpty()) {
                    kept.append(kept.length() == 0 ? '?' : '&').append(param);
                }
            }
        }
        return new DbUri(base + kept, user, password, dialect, Optional.empty());
    }

    /**
     * A JDBC URL with its credentials - user info before the host (which the drivers do not take) or
     * {@code user} / {@code password} parameters - moved out of it (see {@link #withQueryCredentials}).
     */
    private static DbUri jdbc(String url, SQLDialect dialect) {
        int slashes = url.indexOf("//");
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String rest = url;
        if (slashes >= 0) {
            int at = url.lastIndexOf('@');
            if (at > slashes) {
                String userInfo = url.substring(slashes + 2, at);
                int colon = userInfo.indexOf(':');
                user = Optional.of(colon >= 0 ? userInfo.substring(0, colon) : userInfo).filter(s -> !s.isEmpty())
                        .map(Secrets::percentDecode);
                password = colon >= 0 ? Optional.of(Secrets.percentDecode(userInfo.substring(colon + 1)))
                        : Optional.empty();
                rest = url.substring(0, slashes + 2) + url.substring(at + 1);
            }
        }
        int q = rest.indexOf('?');
        String base = q >= 0 ? rest.substring(0, q) : rest;
        String query = q >= 0 ? rest.substring(q) : "";
        return withQueryCredentials(base, query, user, password, dialect);
    }

    private static DbUri parseSqlite(String u, Function<String, Path> resolve) {
        // SQLAlchemy: sqlite:///relative/path, sqlite:////absolute/path; sqlite:// and :memory: are in-memory
        if (!u.startsWith("sqlite:///") || u.length() == "sqlite:///".length()) {
            throw new IllegalArgumentException("'" + Secrets.maskUrl(u) + "' names no SQLite file: use sqlite:///relative/file.sqlite"
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

    /** The location with any password replaced by {@code ****}: safe for logs and messages. */
    public String redacted() {
        String base = redact(jdbcUrl);
        return user.map(name -> base + " (user " + name + ")").orElse(base);
    }

    /**
     * {@code text} with the user info and query string of every URI or JDBC URL in it replaced by {@code ****}
     * ({@link Secrets#maskUrls}).
     */
    public static String redact(String text) {
        return Secrets.maskUrls(text);
    }

    /** {@code message} with this location's password, wherever it occurs, and all URL secrets masked. */
    String scrub(String message) {
        return Secrets.mask(message, password.orElse(null));
    }

    /** The redacted form; never the password. */
    @Override
    public String toString() {
        return redacted();
    }
}
