package dev.synth.variable;

import dev.synth.event.Micros;

/**
 * A variable that evolves once per simulated day (reference 4.1): engagement, population. It remembers when
 * it was last updated and, asked to advance to a time, performs one update per whole day elapsed, each at its
 * own day boundary. Every update is kept - none overwrites another at the same instant (DECISIONS D6).
 *
 * @param <C> what an update needs from its caller (a random stream, a place to schedule the change...)
 */
public abstract class DailyVariableManager<C> {
    private long lastUpdateMicros;

    protected DailyVariableManager(long lastUpdateMicros) {
        this.lastUpdateMicros = lastUpdateMicros;
    }

    /** Name under which the variable's state is stored, e.g. {@code session_engagement}. */
    public abstract String name();

    /** When the variable was last updated (or created), epoch microseconds UTC. */
    public final long lastUpdateMicros() {
        return lastUpdateMicros;
    }

    /**
     * Performs one update for every whole day between the last update and {@code nowMicros}; calling it
     * again within the same day does nothing.
     *
     * @return the number of daily updates performed
     */
    public final int advanceTo(long nowMicros, C context) {
        int updates = 0;
        for (long next = nextUpdateAfter(lastUpdateMicros); next <= nowMicros; next = nextUpdateAfter(next)) {
            lastUpdateMicros = next;
            update(lastUpdateMicros, context);
            updates++;
        }
        return updates;
    }

    /**
     * The day boundary after {@code boundaryMicros}: by default 24 hours later (UTC days). A variable that follows a
     * local calendar returns the same local time on the next local day, 23 or 25 hours later across a daylight
     * saving change.
     */
    protected long nextUpdateAfter(long boundaryMicros) {
        return boundaryMicros + Micros.PER_DAY;
    }

    /** One daily update, at the day boundary {@code atMicros}. */
    protected abstract void update(long atMicros, C context);
}
