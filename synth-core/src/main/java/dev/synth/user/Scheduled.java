package dev.synth.user;

import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import java.util.Comparator;
import java.util.Objects;

/**
 * An item waiting in a schedule, with its sort key: one of a closed set of kinds - a {@link Log log event}, a
 * {@link Catalog catalog event}, a {@link Update state update} of the user, or a {@link Message message} to the
 * driver's extensions. Items are released in (time, actor, sequence) order - a stable ascending order by
 * timestamp, then generation order (DECISIONS D5). Code that treats the kinds differently switches over this
 * sealed type in one place.
 */
public sealed interface Scheduled permits Scheduled.Log, Scheduled.Catalog, Scheduled.Update, Scheduled.Message {
    /** The release order. */
    Comparator<Scheduled> ORDER = (a, b) -> {
        int c = Long.compare(a.timeMicros(), b.timeMicros());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.actor(), b.actor());
        return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
    };

    /** When the item is due, epoch microseconds UTC. */
    long timeMicros();

    /** Ordinal of the user that generated it ({@code -1} for the simulation itself). */
    long actor();

    /** Generation order within the actor. */
    long sequence();

    /** Whether this item is an event written to the outputs (a log or catalog event). */
    default boolean isEvent() {
        return false;
    }

    /** A log event, written to the outputs. */
    record Log(long timeMicros, long actor, long sequence, LogEvent event) implements Scheduled {
        public Log {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public boolean isEvent() {
            return true;
        }
    }

    /** A catalog event, written to the outputs. */
    record Catalog(long timeMicros, long actor, long sequence, CatalogEvent event) implements Scheduled {
        public Catalog {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public boolean isEvent() {
            return true;
        }
    }

    /** A change of the scheduling user's own state, applied by {@link User#apply} when time reaches it. */
    record Update(long timeMicros, long actor, long sequence, StateUpdate update) implements Scheduled {
        public Update {
            Objects.requireNonNull(update, "update");
        }
    }

    /** A message for the driver's extensions (see {@link Window#signal}); never written to the outputs. */
    record Message(long timeMicros, long actor, long sequence, Object message) implements Scheduled {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }
}
