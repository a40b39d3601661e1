package dev.synth.persistence.jooq;

import static dev.synth.persistence.jooq.internal.schema.Tables.DRIVER_META;
import static dev.synth.persistence.jooq.internal.schema.Tables.SYNTHETIC_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.ConfigException;
import dev.synth.RetryPolicy;
import dev.synth.StateStoreException;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.RunKey;
import dev.synth.spi.StepCommit;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class FaultsTest {
    private static final RunKey RUN = new RunKey("faults", "run");

    @TempDir
    Path dir;

    private static StepCommit step(long clock) {
        return new StepCommit(1, clock, "{}", Map.of("csv", "log=10;catalog=10"), List.of(), List.of());
    }

    @Test
    @DisplayName("an unreachable server is retried with capped back-off, then fails clearly - without the password")
    void unreachable() {
        DbUri uri = DbUri.parse("postgresql://synth:s3cret-pw@127.0.0.1:9/test", Path::of);
        long start = System.currentTimeMillis();
        assertThatThrownBy(() -> JooqStateStore.builder().location(uri).connectionTimeout(Duration.ofMillis(250))
                .retry(new RetryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(120))).build())
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("cannot connect to the database")
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:9/test")
                .hasMessageContaining("after 4 attempts")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cret-pw");
                    }
                });
        assertThat(System.currentTimeMillis() - start).as("waits 50 + 100 + 120 ms between attempts")
                .isGreaterThanOrEqualTo(270);
    }

    @Test
    @DisplayName("a database file under a regular file is refused with a message naming the file (and db_uri)")
    void unwritableDirectory() throws Exception {
        Path regular = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path db = regular.resolve("sub").resolve("state.sqlite");
        assertThatThrownBy(() -> JooqStateStore.sqlite(db))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining(db.toString())
                .hasMessageContaining("is not a directory");
        SimulationConfig config = SimulationConfig.builder().sourceFile(dir.resolve("config.yml")).build();
        assertThatThrownBy(() -> new JooqStateStoreProvider().open("sqlite:///not-a-folder/state.sqlite", config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("global.db_uri")
                .hasMessageContaining("not-a-folder is a file, not a folder");
    }

    @Test
    @DisplayName("a schema newer than the code is refused (Flyway history names a version this code does not know)")
    void schemaFromTheFuture() {
        Path db = dir.resolve("state.sqlite");
        JooqStateStore.sqlite(db).close();
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + db);
        Flyway.configure().dataSource(ds).table(JooqStateStore.HISTORY_TABLE)
                .locations("classpath:dev/synth/persistence/jooq/migration", "classpath:db/future").load().migrate();
        assertThatThrownBy(() -> JooqStateStore.sqlite(db))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("version 99")
                .hasMessageContaining("newer than this version of synth");
        try (JooqStateStore unmigrated = JooqStateStore.builder().location(DbUri.sqlite(db)).migrate(false).build()) {
            assertThatThrownBy(unmigrated::dropTables).as("drop refuses a newer schema too")
                    .isInstanceOf(StateStoreException.class).hasMessageContaining("version 99");
        }
        assertThat(DSL.using(ds, SQLDialect.SQLITE).fetchCount(DSL.table("driver_meta"))).as("tables kept").isZero();
    }

    @Test
    @DisplayName("a corrupted user state row stops the resume with an error naming the user")
    void corruptedUserState() {
        Path db = dir.resolve("state.sqlite");
        SimulationConfig config = Runs.config(10, "corrupt");
        try (JooqStateStore store = JooqStateStore.sqlite(db)) {
            Runs.run(config, store, dir.resolve("out"), Runs.hour(30));
        }
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + db);
        String victim = DSL.using(ds, SQLDialect.SQLITE).select(SYNTHETIC_USER.PLATFORM_UUID).from(SYNTHETIC_USER)
                .where(SYNTHETIC_USER.IS_ACTIVE.isTrue()).orderBy(SYNTHETIC_USER.ORDINAL).limit(1)
                .fetchSingle(SYNTHETIC_USER.PLATFORM_UUID);
        DSL.using(ds, SQLDialect.SQLITE).update(SYNTHETIC_USER).set(SYNTHETIC_USER.PROFILE_DATA, "{\"state\": [tru")
                .where(SYNTHETIC_USER.PLATFORM_UUID.eq(victim)).execute();
        try (JooqStateStore store = JooqStateStore.sqlite(db)) {
            assertThatThrownBy(() -> Runs.run(config, store, dir.resolve("out"), Runs.hour(60)))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining(victim);
        }
    }

    @Test
    @DisplayName("a second store on a run that another one is simulating is refused and changes nothing")
    void concurrentRunRefused() throws Exception {
        Path db = dir.resolve("state.sqlite");
        Path out = dir.resolve("out");
        SimulationConfig config = Runs.config(10, "concurrent");
        RunKey run = new RunKey(config.global().organisation(), config.global().project());
        try (JooqStateStore first = JooqStateStore.sqlite(db)) {
            Runs.run(config, first, out, Runs.hour(10)); // the first process keeps its store (and lease) open
            byte[] log = Runs.log(out);
            try (JooqStateStore second = JooqStateStore.sqlite(db)) {
                assertThatThrownBy(() -> Runs.run(config, second, out, Runs.hour(20)))
                        .isInstanceOf(RunInUseException.class)
                        .hasMessageContaining("resume-test/concurrent")
                        .hasMessageContaining("being simulated by another process")
                        .hasMessageContaining(first.ownerId());
                assertThatThrownBy(() -> second.clear(run)).isInstanceOf(RunInUseException.class);
            }
            assertThat(Runs.log(out)).as("the refused run did not touch the output").isEqualTo(log);
            Runs.run(config, first, out, Runs.hour(20)); // the first one goes on undisturbed
        }
        try (JooqStateStore third = JooqStateStore.sqlite(db)) {
            assertThat(third.load(run)).as("a closed store's lease is free").isPresent();
        }
    }

    @Test
    @DisplayName("a lease without heartbeat for longer than the timeout is taken over; the stalled store cannot commit")
    void expiredLease() {
        Path db = dir.resolve("state.sqlite");
        Clock stopped = Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC);
        try (JooqStateStore stalled = JooqStateStore.builder().location(DbUri.sqlite(db)).clock(stopped).build();
                JooqStateStore next = JooqStateStore.builder().location(DbUri.sqlite(db))
                        .leaseTimeout(Duration.ofSeconds(60)).build()) {
            stalled.commit(RUN, step(1));
            assertThat(next.load(RUN)).isPresent();
            next.commit(RUN, step(2));
            assertThatThrownBy(() -> stalled.commit(RUN, step(3)))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("lost the lease");
            assertThat(next.load(RUN).orElseThrow().clockMicros()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("the lease of a process on this host that no longer exists is taken over at once")
    void deadProcessLease() throws Exception {
        Path db = dir.resolve("state.sqlite");
        try (JooqStateStore store = JooqStateStore.sqlite(db)) {
            store.commit(RUN, step(1));
        }
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + db);
        String dead = "2147480000@" + InetAddress.getLocalHost().getHostName() + "#1";
        DSL.using(ds, SQLDialect.SQLITE).update(DRIVER_META).set(DRIVER_META.LEASE_OWNER, dead)
                .set(DRIVER_META.LEASE_HEARTBEAT_MILLIS, System.currentTimeMillis()).execute();
        try (JooqStateStore store = JooqStateStore.sqlite(db)) {
            assertThat(store.load(RUN)).isPresent();
        }
        String alive = "1@some-other-host#1";
        DSL.using(ds, SQLDialect.SQLITE).update(DRIVER_META).set(DRIVER_META.LEASE_OWNER, alive)
                .set(DRIVER_META.LEASE_HEARTBEAT_MILLIS, System.currentTimeMillis()).execute();
        try (JooqStateStore store = JooqStateStore.sqlite(db)) {
            assertThatThrownBy(() -> store.load(RUN)).isInstanceOf(RunInUseException.class)
                    .hasMessageContaining(alive);
        }
    }
}
