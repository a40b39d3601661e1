package dev.synth;

import dev.synth.engine.Human;
import dev.synth.spi.RunKey;
import dev.synth.spi.SinkCount;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one call of {@link Simulation#run()} did.
 *
 * @param run            the run's key
 * @param seed           the master seed used (stored with the run, D1)
 * @param resumed        whether the call continued a stored run
 * @param simulatedFrom  simulated time at the start of the call
 * @param simulatedTo    simulated time at the end of the call
 * @param steps          simulated steps taken
 * @param logEvents      log events generated (and handed to every sink)
 * @param catalogEvents  catalog events generated (and handed to every sink)
 * @param activeUsers    active users at the end
 * @param inactiveUsers  inactive (churned) users at the end
 * @param wallTime       wall-clock time the call took, measured with the simulation's clock
 * @param userCreation   wall-clock time spent creating the initial users of a first run (zero when resumed)
 * @param status         whether the run reached its end or was stopped before it
 * @param reason         why the call ended, for humans, e.g. {@code reached its end 2024-01-08T00:00:00Z}
 * @param sinks          what each sink wrote in this call, by sink name (a sink that filters, such as the CSV
 *                       sink with {@code filter_log_events_for_csv}, writes fewer rows than were generated)
 */
public record SimulationResult(RunKey run, long seed, boolean resumed, Instant simulatedFrom, Instant simulatedTo,
        long steps, long logEvents, long catalogEvents, int activeUsers, int inactiveUsers, Duration wallTime,
        Duration userCreation, Status status, String reason, Map<String, SinkCount> sinks) {

    /** How a call of {@link Simulation#run()} ended. */
    public enum Status {
        /** The run is at its end time (this call reached it, or the stored run already was there). */
        COMPLETED,
        /** The run was stopped ({@link Simulation#stop()}, a signal, an interrupt) before its end; run again to continue. */
        STOPPED
    }

    public SimulationResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        sinks = Map.copyOf(new java.util.LinkedHashMap<>(sinks));
    }

    /** Whether the run is at its end ({@link Status#COMPLETED}). */
    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** Log events generated per second of wall time (0 when no time elapsed). */
    public double logEventsPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds <= 0 ? 0 : logEvents / seconds;
    }

    /**
     * A few lines for humans: how the call ended and why, events generated and written per sink, users,
     * simulated span, wall time and speed.
     */
    public String summary() {
        String written = sinks.isEmpty() ? "no sink" : sinks.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " wrote " + Human.count(e.getValue().logEvents()) + " log and "
                        + Human.count(e.getValue().catalogEvents()) + " catalog events")
                .collect(Collectors.joining("; "));
        return String.format(java.util.Locale.ROOT,
                "%s %s: %s%n  %s log events and %s catalog events generated; %s%n  users %s active, %s inactive;"
                        + " simulated %s -> %s (%s); wall time %s; %s log events/s",
                run, status == Status.COMPLETED ? "completed" : "stopped", reason, Human.count(logEvents),
                Human.count(catalogEvents), written, Human.count(activeUsers), Human.count(inactiveUsers),
                simulatedFrom, simulatedTo, Human.duration(Duration.between(simulatedFrom, simulatedTo)),
                Human.duration(wallTime), Human.count(Math.round(logEventsPerSecond())));
    }
}
