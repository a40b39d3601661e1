package dev.synth.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.CatalogType;
import dev.synth.spi.CatalogRecord;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import dev.synth.spi.StateStore;
import dev.synth.spi.StepCommit;
import dev.synth.spi.UserRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link StateStore} contract: what every implementation must do, whatever keeps the data. Subclass it
 * and say how to open the store and how to open it again as a new process would; runs use fresh keys, so
 * one database can serve every test. Published in {@code synth-test} for third-party stores: depend on it with
 * test scope (it brings JUnit Jupiter and AssertJ) and extend this class.
 */
public abstract class StateStoreContract {
    private static final AtomicLong RUNS = new AtomicLong();
    private final List<StateStore> opened = new ArrayList<>();

    /** A store on storage that {@link #reopen} sees. */
    protected abstract StateStore openStore();

    /**
     * Another store on the same storage, as a new process would open it after {@code store} stopped. The
     * default closes {@code store} and calls {@link #openStore()}; a store that keeps nothing beyond itself
     * returns {@code store}.
     */
    protected StateStore reopen(StateStore store) {
        store.close();
        return open();
    }

    /**
     * A run key no other test of this run uses, cleared of whatever an earlier test run left on the same database
     * (so {@code other-org} keys derived from it start empty too). Deterministic: no clock, no process id.
     */
    protected RunKey freshRun() {
        RunKey run = new RunKey("contract", "run-" + getClass().getSimpleName() + "-" + RUNS.incrementAndGet());
        StateStore store = open();
        store.clear(run);
        store.clear(new RunKey("other-org", run.project()));
        return run;
    }

    protected final StateStore open() {
        StateStore store = openStore();
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(StateStore::close);
    }

    protected static UserRecord user(String uuid, long ordinal, boolean active, long lastSeen, String state) {
        return new UserRecord(uuid, ordinal, "session_engagement", ordinal % 2 == 0 ? "loyal" : "one_time", active,
                lastSeen, state);
    }

    protected static StepCommit step(long clock, String driverState, Map<String, String> positions,
            List<UserRecord> users, List<CatalogRecord> catalog) {
        return new StepCommit(42, clock, driverState, positions, users, catalog);
    }

    @Test
    @DisplayName("a run that never committed a step loads as empty")
    void unknownRunIsEmpty() {
        assertThat(open().load(freshRun())).isEmpty();
    }

    @Test
    @DisplayName("a committed step loads back exactly, also in a new store on the same storage")
    void roundTrip() {
        StateStore store = open();
        RunKey run = freshRun();
        store.load(run);
        List<UserRecord> users = List.of(
                user("loyal-b", 1, true, 3_600_000_000L, "{\"engagement\":0.5,\"name\":\"Zoë \\\"Z\\\" O'Neil\"}"),
                user("one_time-a", 0, true, 7_200_000_000L, "{\"a\":[1,2,3]}"),
                user("loyal-c", 2, false, 1_000L, "{}"));
        List<CatalogRecord> catalog = List.of(
                new CatalogRecord(CatalogType.PAGE, "p-2", "{\"uuid\":\"p-2\",\"title\":\"Ünïcødé ✓\"}"),
                new CatalogRecord(CatalogType.MEDIA_VIDEO, "v-1", "{\"uuid\":\"v-1\",\"length\":12.5}"));
        Map<String, String> positions = new LinkedHashMap<>();
        positions.put("csv", "log=123;catalog=45");
        positions.put("memory", "");
        store.commit(run, new StepCommit(-7_123_456_789L, 946_688_400_000_000L, "{\"next_ordinal\":3}", positions,
                users, catalog));

        assertRoundTrip(store.load(run).orElseThrow(), positions, users, catalog);
        assertRoundTrip(reopen(store).load(run).orElseThrow(), positions, users, catalog);
    }

    @Test
    @DisplayName("one user's record reads back as of the last commit, active or not; unknown users and runs are empty")
    void loadUser() {
        StateStore store = open();
        RunKey run = freshRun();
        store.load(run);
        assertThat(store.loadUser(run, "loyal-a")).isEmpty();
        store.commit(run, step(100, "{}", Map.of(), List.of(user("loyal-a", 0, true, 100, "{\"v\":1}"),
                user("one_time-b", 1, true, 100, "{\"v\":1}")), List.of()));
        store.commit(run, step(200, "{}", Map.of(), List.of(user("loyal-a", 0, true, 200, "{\"v\":2}"),
                user("one_time-b", 1, false, 200, "{\"v\":2}")), List.of()));
        assertLoadUser(store, run);
        assertLoadUser(reopen(store), run);
    }

    private static void assertLoadUser(StateStore s, RunKey run) {
        assertThat(s.loadUser(run, "loyal-a")).contains(user("loyal-a", 0, true, 200, "{\"v\":2}"));
        assertThat(s.loadUser(run, "one_time-b")).contains(user("one_time-b", 1, false, 200, "{\"v\":2}"));
        assertThat(s.loadUser(run, "nobody")).isEmpty();
        assertThat(s.loadUser(new RunKey("other-org", run.project()), "loyal-a")).isEmpty();
    }

    private static void assertRoundTrip(RunSnapshot snapshot, Map<String, String> positions, List<UserRecord> users,
            List<CatalogRecord> catalog) {
        assertThat(snapshot.seed()).isEqualTo(-7_123_456_789L);
        assertThat(snapshot.clockMicros()).isEqualTo(946_688_400_000_000L);
        assertThat(snapshot.driverState()).isEqualTo("{\"next_ordinal\":3}");
        assertThat(snapshot.sinkPositions()).isEqualTo(positions);
        assertThat(snapshot.activeUsers()).containsExactly(users.get(1), users.get(0));
        assertThat(snapshot.inactiveUsers()).containsExactly(users.get(2));
        assertThat(snapshot.catalogEntries()).containsExactlyElementsOf(catalog);
    }

    @Test
    @DisplayName("changed users replace their earlier record by platform uuid; the others stay as they were")
    void usersAreUpserted() {
        StateStore store = open();
        RunKey run = freshRun();
        UserRecord a = user("u-a", 0, true, 10, "{\"v\":1}");
        UserRecord b = user("u-b", 1, true, 10, "{\"v\":1}");
        UserRecord c = user("u-c", 2, true, 10, "{\"v\":1}");
        store.commit(run, step(100, "{}", Map.of(), List.of(a, b, c), List.of()));
        UserRecord b2 = user("u-b", 1, true, 20, "{\"v\":2,\"longer\":\"state\"}");
        UserRecord c2 = user("u-c", 2, false, 30, "{\"v\":3}");
        UserRecord d = user("u-d", 3, true, 40, "{\"v\":1}");
        store.commit(run, step(200, "{}", Map.of(), List.of(b2, c2, d), List.of()));

        RunSnapshot snapshot = reopen(store).load(run).orElseThrow();
        assertThat(snapshot.activeUsers()).containsExactly(a, b2, d);
        assertThat(snapshot.inactiveUsers()).containsExactly(c2);
    }

    @Test
    @DisplayName("the last commit's clock, seed, engine state and sink positions win; catalog entries accumulate in"
            + " creation order")
    void laterCommitsReplaceAndAppend() {
        StateStore store = open();
        RunKey run = freshRun();
        CatalogRecord first = new CatalogRecord(CatalogType.APP, "app-1", "{\"uuid\":\"app-1\"}");
        CatalogRecord second = new CatalogRecord(CatalogType.PROMO, "promo-9", "{\"uuid\":\"promo-9\"}");
        CatalogRecord third = new CatalogRecord(CatalogType.DRUG, "drug-0", "{\"uuid\":\"drug-0\"}");
        store.commit(run, step(100, "{\"s\":1}", Map.of("csv", "log=1;catalog=1"), List.of(), List.of(first)));
        store.commit(run, step(200, "{\"s\":2}", Map.of("csv", "log=2;catalog=2"), List.of(), List.of()));
        store.commit(run, step(300, "{\"s\":3}", Map.of("csv", "log=3;catalog=3", "other", "7"), List.of(),
                List.of(second, third)));

        RunSnapshot snapshot = reopen(store).load(run).orElseThrow();
        assertThat(snapshot.clockMicros()).isEqualTo(300);
        assertThat(snapshot.seed()).isEqualTo(42);
        assertThat(snapshot.driverState()).isEqualTo("{\"s\":3}");
        assertThat(snapshot.sinkPositions()).isEqualTo(Map.of("csv", "log=3;catalog=3", "other", "7"));
        assertThat(snapshot.catalogEntries()).containsExactly(first, second, third);
    }

    @Test
    @DisplayName("runs with different (organisation, project) keep separate state")
    void runsAreSeparate() {
        StateStore store = open();
        RunKey one = freshRun();
        RunKey two = new RunKey("other-org", one.project());
        store.commit(one, step(100, "{\"run\":1}", Map.of(), List.of(user("same-uuid", 0, true, 1, "{\"run\":1}")),
                List.of(new CatalogRecord(CatalogType.PAGE, "same-page", "{\"run\":1}"))));
        store.commit(two, step(200, "{\"run\":2}", Map.of(), List.of(user("same-uuid", 0, true, 2, "{\"run\":2}")),
                List.of(new CatalogRecord(CatalogType.PAGE, "same-page", "{\"run\":2}"))));
        StateStore again = reopen(store);
        RunSnapshot a = again.load(one).orElseThrow();
        RunSnapshot b = again.load(two).orElseThrow();
        assertThat(a.clockMicros()).isEqualTo(100);
        assertThat(a.activeUsers()).extracting(UserRecord::state).containsExactly("{\"run\":1}");
        assertThat(a.catalogEntries()).extracting(CatalogRecord::data).containsExactly("{\"run\":1}");
        assertThat(b.clockMicros()).isEqualTo(200);
        assertThat(b.activeUsers()).extracting(UserRecord::state).containsExactly("{\"run\":2}");
    }

    @Test
    @DisplayName("large steps round-trip: thousands of users, an engine state of hundreds of kilobytes")
    void largeStep() {
        StateStore store = open();
        RunKey run = freshRun();
        String padding = "x".repeat(1_500);
        List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            users.add(user(String.format("loyal-%08d-0000-0000-0000-000000000000", i), i, i % 7 != 0, i,
                    "{\"i\":" + i + ",\"pad\":\"" + padding + "\"}"));
        }
        StringBuilder driver = new StringBuilder("{\"detached\":[");
        for (int i = 0; i < 5_000; i++) {
            driver.append(i == 0 ? "" : ",").append("{\"time\":").append(i).append(",\"text\":\"event number ")
                    .append(i).append("\"}");
        }
        String driverState = driver.append("]}").toString();
        assertThat(driverState.length()).isGreaterThan(150_000);
        store.commit(run, step(1, driverState, Map.of(), users, List.of()));
        RunSnapshot snapshot = reopen(store).load(run).orElseThrow();
        assertThat(snapshot.driverState().equals(driverState)).as("the engine state round-trips").isTrue();
        assertThat(snapshot.activeUsers()).hasSize(3_000 - 429);
        assertThat(snapshot.inactiveUsers()).hasSize(429);
        List<UserRecord> all = new ArrayList<>(snapshot.activeUsers());
        all.addAll(snapshot.inactiveUsers());
        all.sort(java.util.Comparator.comparingLong(UserRecord::ordinal));
        assertThat(all.equals(users)).as("every user record round-trips").isTrue();
    }

    @Test
    @DisplayName("a store can be loaded from before any commit and then resumed by a later load")
    void loadThenCommitThenLoad() {
        StateStore store = open();
        RunKey run = freshRun();
        Optional<RunSnapshot> before = store.load(run);
        store.commit(run, step(5, "{}", Map.of("csv", "p"), List.of(), List.of()));
        assertThat(before).isEmpty();
        assertThat(store.load(run)).map(RunSnapshot::clockMicros).contains(5L);
    }
}
