package dev.synth.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.StateStoreException;
import dev.synth.spi.MemorySink;
import dev.synth.Simulation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** synth's tables next to other programs' tables: the reference's own, or in a schema of their own. */
class ForeignTablesTest {
    @TempDir
    Path dir;

    /** The reference's driver_meta table (reference 6.1), as its migration creates it. */
    private static final String REFERENCE_DRIVER_META = "CREATE TABLE driver_meta (id INTEGER PRIMARY KEY,"
            + " organisation VARCHAR(64), project VARCHAR(64), driver_data TEXT)";

    @Test
    @DisplayName("a SQLite file that holds the reference's driver_meta is refused with a clear message, untouched")
    void referenceTablesInSqlite() throws Exception {
        Path file = dir.resolve("reference.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(REFERENCE_DRIVER_META);
            s.execute("INSERT INTO driver_meta VALUES (1, 'acme', 'demo', '{}')");
        }
        assertThatThrownBy(() -> JooqStateStore.sqlite(file))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("already holds a table driver_meta that synth did not create")
                .hasMessageContaining("database of its own");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM driver_meta")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("PostgreSQL: the reference's tables in the default schema are refused; ?currentSchema=... puts synth's tables in a schema of their own, and runs resume there")
    void postgresSchema() throws Exception {
        DbUri server = TestDatabases.require(TestDatabases.POSTGRES);
        String schema = "synth_fc_" + Long.toHexString(System.nanoTime());
        String reference = schema + "_ref";
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user().orElse(null),
                server.password().orElse(null)); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + reference);
            s.execute("SET search_path TO " + reference);
            s.execute(REFERENCE_DRIVER_META);
        }
        try {
            DbUri referenceUri = withSchema(server, reference);
            assertThatThrownBy(() -> TestDatabases.builder(referenceUri).build())
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("already holds a table driver_meta")
                    .hasMessageContaining("?currentSchema=synth");

            DbUri own = withSchema(server, schema);
            assertThat(JooqStateStore.postgresSchema(own)).contains(schema);
            try (JooqStateStore store = TestDatabases.builder(own).build()) {
                var config = Runs.config(4, "schema");
                Simulation.builder().config(config).seed(Runs.SEED).stateStore(store).addSink(new MemorySink())
                        .end(Runs.hour(5)).build().run();
                assertThat(Simulation.builder().config(config).seed(Runs.SEED).stateStore(store)
                        .addSink(new MemorySink()).end(Runs.hour(8)).build().run().resumed()).isTrue();
            }
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user().orElse(null),
                    server.password().orElse(null)); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                            + schema + "' AND table_name IN ('driver_meta', 'synthetic_user', 'catalog_entry',"
                            + " 'synth_schema_history')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(4);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user().orElse(null),
                    server.password().orElse(null)); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + reference + " CASCADE");
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static DbUri withSchema(DbUri server, String schema) {
        String url = server.jdbcUrl() + (server.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new DbUri(url, server.user(), server.password(), server.dialect(), server.sqliteFile());
    }
}
