package dev.synth;

import dev.synth.spi.RunKey;
import java.time.Duration;
import java.time.Instant;

/**
 * What one call of {@link Simulation#run()} did.
 *
 * @param run            the run's key
 * @param seed           the master seed used (stored with the run, D1)
 * @param resumed        whether the call continued a stored run
 * @param simulatedFrom  simulated time at the start of the call
 * @param simulatedTo    simulated time at the end of the call
 * @param steps          simulated steps taken
 * @param logEvents      log events written
 * @param catalogEvents  catalog events written
 * @param activeUsers    active users at the end
 * @param inactiveUsers  inactive (churned) users at the end
 * @param wallTime       wall-clock time the call took, measured with the simulation's clock
 * @param userCreation   wall-clock time spent creating the initial users of a first run (zero when resumed)
 */
public record SimulationResult(RunKey run, long seed, boolean resumed, Instant simulatedFrom, Instant simulatedTo,
        long steps, long logEvents, long catalogEvents, int activeUsers, int inactiveUsers, Duration wallTime,
        Duration userCreation) {

    /** Log events written per second of wall time (0 when no time elapsed). */
    public double logEventsPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds <= 0 ? 0 : logEvents / seconds;
    }

    /** One line for humans: events, users, simulated span, wall time, speed. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s: %d log events and %d catalog events written; users %d active, %d inactive; simulated %s -> %s;"
                        + " wall time %.1f s; %.0f log events/s",
                run, logEvents, catalogEvents, activeUsers, inactiveUsers, simulatedFrom, simulatedTo,
                wallTime.toMillis() / 1000.0, logEventsPerSecond());
    }
}
