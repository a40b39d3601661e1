package dev.synth.persistence.jooq;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How transient database errors are retried (DECISIONS D29): up to {@code maxAttempts} attempts, waiting
 * {@code initialDelay} after the first failure and twice as long after each further one, never more than
 * {@code maxDelay}; then the operation fails with a message saying how often and how long it tried.
 *
 * <p>Transient: lost or refused connections (SQL state class {@code 08}, {@link SQLTransientException},
 * {@link SQLRecoverableException}), serialization failures and deadlocks (class {@code 40}, MariaDB 1205/1213),
 * PostgreSQL shutting down or refusing connections ({@code 57P0x}, {@code 53300}), and a busy or locked
 * SQLite database. Anything else - a constraint violation, a bad schema - fails at once.
 *
 * @param maxAttempts  attempts in all, at least 1
 * @param initialDelay wait after the first failure
 * @param maxDelay     cap of the wait between attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    /** 8 attempts, 100 ms doubling up to 5 s: about 12 s of waiting before giving up. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(5));

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts was " + maxAttempts + " but must be >= 1");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, was " + initialDelay + " and "
                    + maxDelay);
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    Duration delayAfter(int attempt) {
        long millis = initialDelay.toMillis();
        for (int i = 1; i < attempt && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    /** Whether {@code failure}, or one of its causes, is a transient database error worth another attempt. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql)) {
                return true;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState().toUpperCase(Locale.ROOT);
        if (state.startsWith("08") || state.startsWith("40") || state.startsWith("57P0") || state.equals("53300")
                || state.equals("HYT00")) {
            return true;
        }
        String className = e.getClass().getName();
        if (className.equals("org.sqlite.SQLiteException")) {
            int primary = e.getErrorCode() & 0xff;
            return primary == 5 || primary == 6; // SQLITE_BUSY, SQLITE_LOCKED
        }
        if (className.startsWith("org.mariadb.") || state.startsWith("HY")) {
            int code = e.getErrorCode();
            return code == 1205 || code == 1213 || code == 2002 || code == 2003 || code == 2006 || code == 2013;
        }
        return false;
    }
}
