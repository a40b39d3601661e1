package dev.synth.persistence.jooq;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;

/**
 * Which database errors are transient, so that the state store retries them with its
 * {@link dev.synth.RetryPolicy} (DECISIONS D29).
 *
 * <p>Transient: lost or refused connections (SQL state class {@code 08}, {@link SQLTransientException},
 * {@link SQLRecoverableException}), socket timeouts, serialization failures and deadlocks (class {@code 40},
 * MariaDB 1205/1213), PostgreSQL shutting down or refusing connections ({@code 57P0x}, {@code 53300}), and a busy
 * or locked SQLite database. Anything else - a wrong password, a missing database or driver ("No suitable
 * driver" carries state {@code 08001} but never goes away), a constraint violation, a bad schema - fails at once.
 */
public final class TransientErrors {
    private TransientErrors() {
    }

    /** Whether {@code failure}, or one of its causes, is a transient database error worth another attempt. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No suitable driver")) {
                return false;
            }
        }
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
