package dev.synth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Simulation-wide behaviour that is not any single user's: promotions, order follow-ups, deliveries,
 * cancellations, nudges. The driver calls it on the simulation thread at fixed points of every step
 * (reference 1.4), in this order:
 * <ol>
 *   <li>{@link #beforeUsers} - after population maintenance, before users generate (e.g. promotions);</li>
 *   <li>{@link #onReleased} - for every log event and every message ({@link dev.synth.user.Window#signal})
 *       the users released in the step, in user order;</li>
 *   <li>{@link #afterUsers} - work that falls due in the step (e.g. deliveries and cancellations).</li>
 * </ol>
 * Events it schedules through the {@link StepContext} are released, in order with everything else, when
 * their time is before a step's end (D5). Its state is saved with the driver's after every step and
 * restored on resume, so a run split into parts behaves like one unbroken run (D8). Randomness must come
 * from {@link StepContext#streams()}, keyed by something stable (an order id, a step's end).
 */
public interface DriverExtension {
    /** Key of this extension's state in the driver's state. */
    String name();

    /** After population maintenance, before the users generate: e.g. promotions. Default: nothing. */
    default void beforeUsers(StepContext step) {
    }

    /** A log event or a message released in this step. */
    default void onReleased(Object item, StepContext step) {
    }

    /** After the users released their events: work that falls due in the step. Default: nothing. */
    default void afterUsers(StepContext step) {
    }

    /** The extension's state, or {@code null} when it has none. */
    default JsonNode save(ObjectMapper mapper) {
        return null;
    }

    /** Restores what {@link #save} returned (not called on a first run). */
    default void restore(JsonNode state, ObjectMapper mapper) {
    }
}
