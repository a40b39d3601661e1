package dev.synth.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.SimulationResult;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.RunKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Any split of a run into resumed parts - each a new store and a new simulation on the same database, as a new
 * process would make them - writes the same CSV files, byte for byte, as one unbroken run.
 */
class ResumePropertiesTest {
    private static final int HOURS = 4 * 24;
    private static final SimulationConfig CONFIG = Runs.config(24, "resume");
    /** The same population in 8 shards, run on 2 threads. */
    private static final SimulationConfig SHARDED = Runs.config(24, "resume-sharded", 8);
    private static final java.util.Map<SimulationConfig, Path> UNBROKEN = new java.util.HashMap<>();

    private static synchronized Path unbroken(SimulationConfig config) {
        return UNBROKEN.computeIfAbsent(config, c -> Runs.unbroken(c, Runs.hour(HOURS)));
    }

    @AfterContainer
    static synchronized void cleanUp() {
        UNBROKEN.values().forEach(Runs::delete);
        UNBROKEN.clear();
    }

    @Property(tries = 8)
    @Label("on SQLite, a run split into 2-5 resumed parts writes the files of one unbroken run")
    void sqlite(@ForAll @Size(min = 1, max = 4) @UniqueElements List<@IntRange(min = 1, max = HOURS - 1) Integer> stops) {
        Path dir = Runs.tempDir("synth-resume-sqlite");
        try {
            Path db = dir.resolve("state.sqlite");
            assertSplitRunMatches(CONFIG, 1, stops, () -> JooqStateStore.sqlite(db), dir.resolve("out"));
        } finally {
            Runs.delete(dir);
        }
    }

    @Property(tries = 5)
    @Label("on SQLite, with 8 shards on 2 threads, a run split into 2-5 resumed parts writes the files of one unbroken run")
    void sqliteSharded(@ForAll @Size(min = 1, max = 4) @UniqueElements List<@IntRange(min = 1, max = HOURS - 1) Integer> stops) {
        Path dir = Runs.tempDir("synth-resume-sqlite-sharded");
        try {
            Path db = dir.resolve("state.sqlite");
            assertSplitRunMatches(SHARDED, 2, stops, () -> JooqStateStore.sqlite(db), dir.resolve("out"));
        } finally {
            Runs.delete(dir);
        }
    }

    @Property(tries = 4)
    @Label("on SQLite, with 8 shards, steps written in slices and records encoded as they are stored, a run split"
            + " into 2-5 resumed parts writes the files of one unbroken run")
    void sqliteSliced(@ForAll @Size(min = 1, max = 4) @UniqueElements List<@IntRange(min = 1, max = HOURS - 1) Integer> stops) {
        Path dir = Runs.tempDir("synth-resume-sqlite-sliced");
        try {
            Path db = dir.resolve("state.sqlite");
            assertSplitRunMatches(SHARDED, 2, 1, stops, () -> JooqStateStore.sqlite(db), dir.resolve("out"));
        } finally {
            Runs.delete(dir);
        }
    }

    @Property(tries = 5)
    @net.jqwik.api.lifecycle.AddLifecycleHook(RequiresPostgres.class)
    @Label("on PostgreSQL, a run split into 2-5 resumed parts writes the files of one unbroken run")
    void postgres(@ForAll @Size(min = 1, max = 4) @UniqueElements List<@IntRange(min = 1, max = HOURS - 1) Integer> stops) {
        onPostgres(CONFIG, 1, stops);
    }

    @Property(tries = 4)
    @net.jqwik.api.lifecycle.AddLifecycleHook(RequiresPostgres.class)
    @Label("on PostgreSQL, with 8 shards on 2 threads, a run split into 2-5 resumed parts writes the files of one unbroken run")
    void postgresSharded(@ForAll @Size(min = 1, max = 4) @UniqueElements List<@IntRange(min = 1, max = HOURS - 1) Integer> stops) {
        onPostgres(SHARDED, 2, stops);
    }

    private static void onPostgres(SimulationConfig config, int threads, List<Integer> stops) {
        DbUri uri = TestDatabases.require(TestDatabases.POSTGRES);
        try (JooqStateStore store = TestDatabases.builder(uri).build()) {
            store.clear(new RunKey(config.global().organisation(), config.global().project()));
        }
        Path dir = Runs.tempDir("synth-resume-pg");
        try {
            assertSplitRunMatches(config, threads, stops, () -> TestDatabases.builder(uri).build(), dir);
        } finally {
            Runs.delete(dir);
        }
    }

    private static void assertSplitRunMatches(SimulationConfig config, int threads, List<Integer> stops,
            Supplier<JooqStateStore> stores, Path out) {
        assertSplitRunMatches(config, threads, 1 << 18, stops, stores, out);
    }

    private static void assertSplitRunMatches(SimulationConfig config, int threads, int sliceEvents,
            List<Integer> stops, Supplier<JooqStateStore> stores, Path out) {
        List<Integer> ends = new ArrayList<>(stops);
        ends.sort(null);
        ends.add(HOURS);
        List<Boolean> resumed = new ArrayList<>();
        for (int end : ends) {
            try (JooqStateStore store = stores.get()) {
                SimulationResult part = Runs.run(config, store, out, Runs.hour(end), threads, sliceEvents);
                resumed.add(part.resumed());
            }
        }
        assertThat(resumed.get(0)).isFalse();
        assertThat(resumed.subList(1, resumed.size())).containsOnly(true);
        Path reference = unbroken(config);
        assertThat(Runs.log(reference).length).as("the run writes a substantial log").isGreaterThan(100_000);
        assertThat(Runs.log(out)).as("log_events.csv after stops at hours %s", stops).isEqualTo(Runs.log(reference));
        assertThat(Runs.catalog(out)).as("catalog_events.csv after stops at hours %s", stops)
                .isEqualTo(Runs.catalog(reference));
    }
}
