package dev.synth.spi;

import java.util.List;
import java.util.Map;

/**
 * What one simulated step changed; a {@link StateStore} applies it atomically (DECISIONS D8).
 *
 * @param seed              the run's master seed
 * @param clockMicros       simulated time the step ended at
 * @param driverState       the engine's state as JSON text (replaces the stored one)
 * @param sinkPositions     each sink's position after the step (replaces the stored ones)
 * @param changedUsers      users whose record changed in this step (insert or replace by platform uuid). Not
 *                          copied: the engine hands a large step's records over as a list that encodes each
 *                          record when it is read, so a store should read it in order, as few times as it can
 *                          (a retry may read it again), and not keep the list after {@code commit} returns
 * @param newCatalogEntries catalog entries created in this step
 */
public record StepCommit(long seed, long clockMicros, String driverState, Map<String, String> sinkPositions,
        List<UserRecord> changedUsers, List<CatalogRecord> newCatalogEntries) {
    public StepCommit {
        sinkPositions = Map.copyOf(sinkPositions);
        changedUsers = java.util.Collections.unmodifiableList(changedUsers);
        newCatalogEntries = List.copyOf(newCatalogEntries);
    }
}
