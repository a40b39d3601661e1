package dev.synth.user;

import java.util.Objects;

/**
 * A change to a user's state that becomes visible at a given simulated time - the third kind of event,
 * next to log and catalog events (DECISIONS D5, D7). A user schedules it while generating a window; the
 * engine hands it back to {@link User#apply} when simulated time reaches it, in (time, generation) order.
 * It is a value: it never shares mutable objects with live state.
 *
 * @param name  what changes, e.g. {@code session_engagement}
 * @param value the change, e.g. an engagement delta
 */
public record StateUpdate(String name, double value) {
    public StateUpdate {
        Objects.requireNonNull(name, "name");
    }
}
