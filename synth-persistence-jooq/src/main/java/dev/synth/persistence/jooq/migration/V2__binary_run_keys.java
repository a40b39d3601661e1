package dev.synth.persistence.jooq.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 2: on MariaDB and MySQL, the key columns compare byte for byte (binary collation), as they do on
 * SQLite and PostgreSQL - so {@code CaseTest} and {@code casetest}, {@code cafe} and {@code café}, or
 * {@code cafe} and {@code "cafe "} are two runs, not one run resumed under another name. Nothing changes on SQLite and PostgreSQL.
 *
 * <p>A Java migration because the change is MariaDB's alone: the SQL scripts are portable (the jOOQ classes are
 * generated from them), and column types and widths stay exactly those of V1.
 */
public class V2__binary_run_keys extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String version = connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT);
        if (!product.contains("mariadb") && !product.contains("mysql") && !version.contains("mariadb")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            String bin = " CHARACTER SET utf8mb4 COLLATE " + binaryCollation(statement) + " NOT NULL";
            statement.execute("ALTER TABLE driver_meta MODIFY organisation VARCHAR(64)" + bin
                    + ", MODIFY project VARCHAR(64)" + bin);
            statement.execute("ALTER TABLE synthetic_user MODIFY platform_uuid VARCHAR(48)" + bin);
            statement.execute("ALTER TABLE catalog_entry MODIFY platform_uuid VARCHAR(48)" + bin);
        }
    }

    /**
     * A binary collation that also keeps trailing spaces ({@code "cafe "} is not {@code "cafe"}): MariaDB's
     * {@code utf8mb4_nopad_bin}, MySQL 8's {@code utf8mb4_0900_bin}; else {@code utf8mb4_bin}.
     */
    private static String binaryCollation(Statement statement) throws java.sql.SQLException {
        for (String candidate : new String[] {"utf8mb4_nopad_bin", "utf8mb4_0900_bin"}) {
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.COLLATIONS"
                    + " WHERE COLLATION_NAME = '" + candidate + "'")) {
                if (rs.next() && rs.getInt(1) > 0) {
                    return candidate;
                }
            }
        }
        return "utf8mb4_bin";
    }
}
