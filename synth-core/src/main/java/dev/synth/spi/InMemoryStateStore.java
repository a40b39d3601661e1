package dev.synth.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StateStore} that keeps runs in memory: the default when no database is configured, and what
 * {@code sqlite:///:memory:} means (D27). A run can be stopped and resumed within one JVM by passing the
 * same instance to the next simulation; nothing survives the JVM. Thread-safe.
 */
public final class InMemoryStateStore implements StateStore {
    private static final class Run {
        long seed;
        long clock;
        String driverState;
        Map<String, String> sinkPositions = Map.of();
        final Map<String, UserRecord> users = new HashMap<>();
        final List<CatalogRecord> catalog = new ArrayList<>();
    }

    private final Map<RunKey, Run> runs = new HashMap<>();

    @Override
    public synchronized Optional<RunSnapshot> load(RunKey key) {
        Run run = runs.get(key);
        if (run == null) {
            return Optional.empty();
        }
        List<UserRecord> active = new ArrayList<>();
        List<UserRecord> inactive = new ArrayList<>();
        for (UserRecord user : run.users.values()) {
            (user.active() ? active : inactive).add(user);
        }
        active.sort(Comparator.comparingLong(UserRecord::ordinal));
        inactive.sort(Comparator.comparingLong(UserRecord::ordinal));
        return Optional.of(new RunSnapshot(run.seed, run.clock, run.driverState, run.sinkPositions, active, inactive,
                run.catalog));
    }

    @Override
    public synchronized Optional<UserRecord> loadUser(RunKey key, String platformUuid) {
        Run run = runs.get(key);
        return run == null ? Optional.empty() : Optional.ofNullable(run.users.get(platformUuid));
    }

    @Override
    public synchronized void commit(RunKey key, StepCommit step) {
        Run run = runs.computeIfAbsent(key, k -> new Run());
        run.seed = step.seed();
        run.clock = step.clockMicros();
        run.driverState = step.driverState();
        run.sinkPositions = new LinkedHashMap<>(step.sinkPositions());
        for (UserRecord user : step.changedUsers()) {
            run.users.put(user.platformUuid(), user);
        }
        run.catalog.addAll(step.newCatalogEntries());
    }

    /** Forgets a run. */
    @Override
    public synchronized void clear(RunKey key) {
        runs.remove(key);
    }
}
