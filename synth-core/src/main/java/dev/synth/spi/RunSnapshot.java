package dev.synth.spi;

import java.util.List;
import java.util.Map;

/**
 * Everything a run needs to continue exactly where its last committed step ended.
 *
 * @param seed           the run's master seed (D1), kept so a resumed run draws what an unbroken run draws
 * @param clockMicros    simulated time the last committed step ended at
 * @param driverState    the engine's own state as JSON text (population, counters, pending driver events)
 * @param sinkPositions  each sink's committed position, by {@link EventSink#name()}
 * @param activeUsers    users still active, in ordinal order
 * @param inactiveUsers  users that churned, in ordinal order
 * @param catalogEntries every catalog entry of the run, in creation order
 */
public record RunSnapshot(long seed, long clockMicros, String driverState, Map<String, String> sinkPositions,
        List<UserRecord> activeUsers, List<UserRecord> inactiveUsers, List<CatalogRecord> catalogEntries) {
    public RunSnapshot {
        sinkPositions = Map.copyOf(sinkPositions);
        activeUsers = List.copyOf(activeUsers);
        inactiveUsers = List.copyOf(inactiveUsers);
        catalogEntries = List.copyOf(catalogEntries);
    }
}
