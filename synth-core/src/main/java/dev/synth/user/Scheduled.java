package dev.synth.user;

import java.util.Comparator;

/**
 * An item waiting in a schedule: a {@link dev.synth.event.LogEvent}, a {@link dev.synth.event.CatalogEvent} or
 * a {@link StateUpdate}, with its sort key. Items are released in (time, actor, sequence) order - a stable
 * ascending order by timestamp, then generation order (DECISIONS D5).
 *
 * @param timeMicros when the item is due
 * @param actor      ordinal of the user that generated it ({@code -1} for the simulation itself)
 * @param sequence   generation order within the actor
 * @param item       the event or state update
 */
public record Scheduled(long timeMicros, long actor, long sequence, Object item) {
    /** The release order. */
    public static final Comparator<Scheduled> ORDER = (a, b) -> {
        int c = Long.compare(a.timeMicros, b.timeMicros);
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.actor, b.actor);
        return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    };
}
