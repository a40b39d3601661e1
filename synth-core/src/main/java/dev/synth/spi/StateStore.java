package dev.synth.spi;

import java.util.Optional;

/**
 * Keeps a simulation's state between steps and between runs. The engine calls {@link #load} once when a run
 * starts, on the caller's thread, then {@link #commit} after every step, one call at a time and in step
 * order, on the simulation's output thread (while the next step is being computed).
 *
 * <p>Contract: a commit is atomic - after a crash the store holds either the whole step or none of it - and
 * {@link #load} returns the state of the last committed step. Implementations: the in-memory store of
 * synth-core (nothing survives the JVM) and the SQL store of {@code synth-persistence-jooq}.
 */
public interface StateStore extends AutoCloseable {

    /** The last committed state of the run, or empty if the run never committed a step. */
    Optional<RunSnapshot> load(RunKey run);

    /** Applies one step's changes atomically. */
    void commit(RunKey run, StepCommit step);

    /**
     * The record of one user of {@code run} as of the last committed step (active or not), or empty when the run
     * or the user is not stored. The engine asks for it rarely - when a user whose saved state it let go of, to save
     * memory, is changed from outside (a refund) - from the simulation's threads while a commit may be running on
     * the output thread. The default loads the whole run; a store should answer it directly.
     */
    default Optional<UserRecord> loadUser(RunKey run, String platformUuid) {
        return load(run).flatMap(s -> java.util.stream.Stream.concat(s.activeUsers().stream(),
                s.inactiveUsers().stream()).filter(u -> u.platformUuid().equals(platformUuid)).findFirst());
    }

    /**
     * Deletes everything stored for {@code run}, so that the next {@link #load} of it is empty (used by
     * {@code Simulation.builder().fresh()} and {@code run --fresh}). Default: refuses, for a store that cannot.
     *
     * @throws UnsupportedOperationException if this store cannot delete a run
     */
    default void clear(RunKey run) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot delete the stored run " + run
                + "; delete it by hand, or give the configuration another global.organisation/global.project");
    }

    /** Releases resources; the stored state stays. */
    @Override
    default void close() {
    }
}
