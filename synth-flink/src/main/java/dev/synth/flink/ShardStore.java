package dev.synth.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.StateStoreException;
import dev.synth.spi.CatalogRecord;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import dev.synth.spi.StateStore;
import dev.synth.spi.StepCommit;
import dev.synth.spi.UserRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state store of one shard inside a Flink task: a {@link RunSnapshot} read from and written back to the
 * shard's keyed state as gzip-compressed JSON, with the engine's step commits applied in between. Holds one run.
 */
final class ShardStore implements StateStore {
    private final ObjectMapper mapper;
    private long seed;
    private long clock;
    private String driverState;
    private Map<String, String> sinkPositions = Map.of();
    private final Map<String, UserRecord> users = new LinkedHashMap<>();
    private final List<CatalogRecord> catalog = new ArrayList<>();
    private boolean present;

    private ShardStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A store holding {@code bytes} (from {@link #toBytes}), or nothing when {@code bytes} is null. */
    static ShardStore of(byte[] bytes, ObjectMapper mapper) {
        ShardStore store = new ShardStore(mapper);
        if (bytes != null) {
            RunSnapshot s;
            try {
                s = mapper.readValue(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)),
                        RunSnapshot.class);
            } catch (IOException e) {
                throw new StateStoreException("the shard's Flink state is unreadable: " + e.getMessage(), e);
            }
            store.present = true;
            store.seed = s.seed();
            store.clock = s.clockMicros();
            store.driverState = s.driverState();
            store.sinkPositions = s.sinkPositions();
            s.activeUsers().forEach(u -> store.users.put(u.platformUuid(), u));
            s.inactiveUsers().forEach(u -> store.users.put(u.platformUuid(), u));
            store.catalog.addAll(s.catalogEntries());
        }
        return store;
    }

    /** Simulated time of the last committed step, or empty before the first. */
    Optional<Long> clockMicros() {
        return present ? Optional.of(clock) : Optional.empty();
    }

    /** The snapshot as gzip-compressed JSON (catalog entries and users' states compress well). */
    byte[] toBytes() {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes, 1 << 16)) {
                mapper.writeValue(gzip, snapshot());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new StateStoreException("cannot encode the shard's state: " + e.getMessage(), e);
        }
    }

    private RunSnapshot snapshot() {
        List<UserRecord> active = new ArrayList<>();
        List<UserRecord> inactive = new ArrayList<>();
        for (UserRecord user : users.values()) {
            (user.active() ? active : inactive).add(user);
        }
        active.sort(Comparator.comparingLong(UserRecord::ordinal));
        inactive.sort(Comparator.comparingLong(UserRecord::ordinal));
        return new RunSnapshot(seed, clock, driverState, sinkPositions, active, inactive, catalog);
    }

    @Override
    public synchronized Optional<RunSnapshot> load(RunKey run) {
        return present ? Optional.of(snapshot()) : Optional.empty();
    }

    @Override
    public synchronized Optional<UserRecord> loadUser(RunKey run, String platformUuid) {
        return present ? Optional.ofNullable(users.get(platformUuid)) : Optional.empty();
    }

    @Override
    public synchronized void commit(RunKey run, StepCommit step) {
        present = true;
        seed = step.seed();
        clock = step.clockMicros();
        driverState = step.driverState();
        sinkPositions = step.sinkPositions();
        for (UserRecord user : step.changedUsers()) {
            users.put(user.platformUuid(), user);
        }
        catalog.addAll(step.newCatalogEntries());
    }
}
