package dev.synth.model.nudge;

import java.time.Instant;
import java.util.List;

/**
 * Asks the nudge backend which nudges were queued for a user (reference 7.3). Implementations: the HTTP
 * client of the reference's API ({@link HttpNudgeClient}); tests pass their own. Called from the
 * simulation thread, only for simulated times close to the wall clock.
 */
@FunctionalInterface
public interface NudgeClient {
    /** Nudges for {@code subjectId} queued after {@code queuedAfter}, oldest first. */
    List<Nudge> fetch(String subjectId, Instant queuedAfter);

    /**
     * Called once when a run that will reach the wall clock starts: fails at once, with a clear message, when
     * the backend cannot be reached, instead of minutes later in the middle of the run. Default: nothing to check.
     *
     * @throws dev.synth.SynthException when the backend is unreachable
     */
    default void checkReachable() {
    }
}
