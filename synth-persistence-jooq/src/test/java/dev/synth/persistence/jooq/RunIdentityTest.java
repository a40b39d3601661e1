package dev.synth.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import dev.synth.spi.StepCommit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 4: a run is identified by its exact (organisation, project) on every store. MariaDB compared them
 * without case and accents (its default collation), so {@code casetest} silently resumed {@code CaseTest}; schema
 * version 2 makes the key columns binary there.
 */
class RunIdentityTest {
    @TempDir
    Path dir;

    private static final List<List<RunKey>> LOOKALIKES = List.of(
            List.of(new RunKey("hard", "CaseTest"), new RunKey("hard", "casetest"), new RunKey("HARD", "CaseTest")),
            List.of(new RunKey("hard", "cafe"), new RunKey("hard", "café"), new RunKey("hard", "cafe ")));

    private static StepCommit step(long seed) {
        return new StepCommit(seed, 3_600_000_000L * seed, "{}", Map.of("csv", "log=" + seed), List.of(), List.of());
    }

    private static void distinctRuns(JooqStateStore store) {
        assertThat(store.schemaVersion()).isEqualTo("2");
        for (List<RunKey> runs : LOOKALIKES) {
            runs.forEach(store::clear);
            for (int i = 0; i < runs.size(); i++) {
                RunKey run = runs.get(i);
                assertThat(store.load(run)).as("%s before its first commit", run).isEmpty();
                store.commit(run, step(i + 1));
            }
            for (int i = 0; i < runs.size(); i++) {
                RunSnapshot snapshot = store.load(runs.get(i)).orElseThrow();
                assertThat(snapshot.seed()).as("%s is its own run", runs.get(i)).isEqualTo(i + 1);
            }
            runs.forEach(store::clear);
        }
    }

    @Test
    @DisplayName("CaseTest and casetest (and cafe, café) are different runs on SQLite")
    void sqlite() {
        try (JooqStateStore store = JooqStateStore.sqlite(dir.resolve("synth.sqlite"))) {
            distinctRuns(store);
        }
    }

    @Test
    @DisplayName("CaseTest and casetest (and cafe, café) are different runs on PostgreSQL")
    void postgres() {
        try (JooqStateStore store = TestDatabases.builder(TestDatabases.require(TestDatabases.POSTGRES)).build()) {
            distinctRuns(store);
        }
    }

    @Test
    @DisplayName("CaseTest and casetest (and cafe, café) are different runs on MariaDB, after migration V2")
    void mariadb() {
        try (JooqStateStore store = TestDatabases.builder(TestDatabases.require(TestDatabases.MARIADB)).build()) {
            distinctRuns(store);
        }
    }

    @Test
    @DisplayName("a MariaDB database at schema version 1 (case-insensitive keys) with a run in it is upgraded to 2 and keeps it")
    void mariadbUpgradeFromVersion1() throws Exception {
        DbUri server = TestDatabases.require(TestDatabases.MARIADB);
        String database = "synth_hard_v1_upgrade";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.user().orElse(null),
                server.password().orElse("")); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        }
        String jdbc = server.jdbcUrl().replaceFirst("//([^/]+)/[^/?]*", "//$1/" + database);
        DbUri uri = new DbUri(jdbc, server.user(), server.password(), org.jooq.SQLDialect.MARIADB,
                java.util.Optional.empty());
        try {
            org.flywaydb.core.Flyway.configure().dataSource(jdbc, server.user().orElse(null),
                            server.password().orElse("")).table(JooqStateStore.HISTORY_TABLE)
                    .locations("classpath:dev/synth/persistence/jooq/migration").target("1").load().migrate();
            RunKey run = new RunKey("hard", "CaseTest");
            try (JooqStateStore v1 = TestDatabases.builder(uri).migrate(false).build()) {
                assertThat(v1.schemaVersion()).isEqualTo("1");
                v1.commit(run, step(7));
                assertThat(v1.load(new RunKey("hard", "casetest"))).as("version 1 confuses them").isPresent();
            }
            try (JooqStateStore store = TestDatabases.builder(uri).build()) {
                assertThat(store.schemaVersion()).isEqualTo("2");
                assertThat(store.load(run).orElseThrow().seed()).isEqualTo(7);
                assertThat(store.load(new RunKey("hard", "casetest"))).as("version 2 tells them apart").isEmpty();
            }
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(),
                    server.user().orElse(null), server.password().orElse("")); java.sql.Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }
}
