package dev.synth.spi;

import java.time.Instant;

/**
 * Callbacks about a running simulation, for progress reporting and notifications (DECISIONS D28). Every
 * method has a no-op default; they are called on the simulation's thread, so keep them quick.
 */
public interface SimulationListener {

    /** The run is about to take its first step; {@code resumed} when it continues a stored run. */
    default void runStarted(RunKey run, Instant clock, boolean resumed) {
    }

    /** A step ended at simulated time {@code clock} and is committed. */
    default void stepFinished(StepSummary step) {
    }

    /** A user churned (became inactive) at simulated time {@code at}. */
    default void userChurned(String platformUuid, Instant at) {
    }

    /** An inactive user became active again at simulated time {@code at} (resurrection, nudge). */
    default void userResurrected(String platformUuid, Instant at) {
    }

    /** The run ended normally. */
    default void runFinished(Instant clock) {
    }

    /**
     * Counts of one committed step.
     *
     * @param clock          simulated time at the end of the step
     * @param logEvents      log events written in the step
     * @param catalogEvents  catalog events written in the step
     * @param activeUsers    active users after the step
     * @param inactiveUsers  inactive users after the step
     */
    record StepSummary(Instant clock, long logEvents, long catalogEvents, int activeUsers, int inactiveUsers) {
    }
}
