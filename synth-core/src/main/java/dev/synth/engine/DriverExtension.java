package dev.synth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.user.UserMessage;

/**
 * Simulation-wide behaviour that is not any single user's - in the built-in models: resurrection, nudges,
 * promotions, order follow-ups, deliveries and cancellations. Extensions are created for each run by a
 * {@link DriverExtensionProvider} (added with {@code Simulation.builder().addExtension(...)} or found by
 * {@link java.util.ServiceLoader}). The driver calls them on the simulation thread at fixed points of every
 * step (reference 1.4), each hook for every extension in registration order:
 * <ol>
 *   <li>{@link #startOfStep} - before population maintenance (e.g. resurrection of churned users);</li>
 *   <li>{@link #beforeUsers} - after population maintenance, before users generate (e.g. promotions);</li>
 *   <li>{@link #onMessage} - for every message a user {@link dev.synth.user.Window#signal signalled}, when the
 *       user's schedule reaches it (and for messages still pending when a user churns);</li>
 *   <li>{@link #afterUsers} - work that falls due in the step (e.g. deliveries and cancellations).</li>
 * </ol>
 * Events it schedules through the {@link StepContext} are released, in order with everything else, when
 * their time is before a step's end (D5). Its state is saved by {@link #name()} with the driver's after every
 * step and restored on resume, so a run split into parts behaves like one unbroken run (D8). Randomness must
 * come from {@link StepContext#streams()}, keyed by something stable (an order id, a step's end).
 */
public interface DriverExtension {
    /** Key of this extension's state in the driver's state; unique within a simulation. */
    String name();

    /**
     * Once per run call, before the first step: the run goes from {@code clockMicros} to {@code endMicros}
     * ({@link Long#MAX_VALUE}: until stopped). For checks that should fail at once rather than mid-run, e.g. a
     * backend that cannot be reached. Default: nothing.
     */
    default void runStarting(long clockMicros, long endMicros) {
    }

    /** Before population maintenance: e.g. churned users coming back. Default: nothing. */
    default void startOfStep(StepContext step) {
    }

    /** After population maintenance, before the users generate: e.g. promotions. Default: nothing. */
    default void beforeUsers(StepContext step) {
    }

    /**
     * A message a user signalled, released while that user's schedule is released (or when it churned, see
     * {@link UserMessage#userLeft()}). With several shards ({@code global.shards > 1}) the users of the shards
     * release their events on worker threads, and their messages are handed over afterwards, on the
     * simulation thread, in shard order and then in the order the users signalled them (so the run does not
     * depend on the number of threads); a schedule regenerated in answer then starts at the step's end.
     * Default: nothing.
     */
    default void onMessage(UserMessage message, StepContext step) {
    }

    /** After the users released their events: work that falls due in the step. Default: nothing. */
    default void afterUsers(StepContext step) {
    }

    /**
     * Whether this extension, in this run, does anything in {@link #onMessage} or {@link #afterUsers} (the users'
     * part of a step). When no extension of a run does, the driver may release a busy step in slices of simulated
     * time and hand each slice to the sinks as soon as it is merged, so that a large population holds a fraction
     * of a step's events at once; the events written are the same, in the same order, and the step is still
     * committed as one. An extension that answers {@code false} must not schedule events from those hooks.
     * Default: {@code true}, always safe.
     */
    default boolean watchesUsers() {
        return true;
    }

    /** The extension's state, or {@code null} when it has none. */
    default JsonNode save(ObjectMapper mapper) {
        return null;
    }

    /** Restores what {@link #save} returned (not called on a first run). */
    default void restore(JsonNode state, ObjectMapper mapper) {
    }
}
