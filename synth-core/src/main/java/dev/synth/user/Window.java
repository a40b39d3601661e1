package dev.synth.user;

import dev.synth.catalog.CatalogType;
import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.random.SimRandom;
import java.time.Instant;
import java.util.Map;

/**
 * One 24-hour stretch of a user's schedule being filled (reference 1.9), handed to
 * {@link User#generate(Window)}. It carries the window's bounds, the user's random stream for this window,
 * the simulation's services, and the methods that schedule the three kinds of events. Events may be
 * scheduled in any order and at any time at or after {@link #startMicros()}, also past {@link #endMicros()}
 * (a session that runs past midnight); the engine releases them in (time, generation order) order.
 *
 * <p>The stream is derived from (seed, user, window number), so regenerating a window after a resume gives
 * exactly the same events (D2, D8). Valid only during the call to {@code generate}.
 */
public final class Window {
    /** Receives what a window schedules; implemented by the engine. */
    public interface Schedule {
        void schedule(long timeMicros, Object item);
    }

    private final UserIdentity user;
    private final long startMicros;
    private final long endMicros;
    private final long stepEndMicros;
    private final SimRandom random;
    private final SimulationContext context;
    private final Schedule schedule;

    public Window(UserIdentity user, long startMicros, long endMicros, long stepEndMicros, SimRandom random,
            SimulationContext context, Schedule schedule) {
        this.user = user;
        this.startMicros = startMicros;
        this.endMicros = endMicros;
        this.stepEndMicros = stepEndMicros;
        this.random = random;
        this.context = context;
        this.schedule = schedule;
    }

    public UserIdentity user() {
        return user;
    }

    public long startMicros() {
        return startMicros;
    }

    public long endMicros() {
        return endMicros;
    }

    /**
     * The end of the simulation step during which the window is generated. Shared data that changes from step
     * to step (such as promotions) must be read as of this time, so that regenerating the window on resume
     * sees exactly what the original generation saw.
     */
    public long stepEndMicros() {
        return stepEndMicros;
    }

    public Instant start() {
        return Micros.toInstant(startMicros);
    }

    public Instant end() {
        return Micros.toInstant(endMicros);
    }

    /** This window's random stream. */
    public SimRandom random() {
        return random;
    }

    public SimulationContext context() {
        return context;
    }

    /** Schedules a log event of this user; its {@code up}/{@code dn} values are drawn from the window's stream. */
    public void log(long timeMicros, String type, Block block, boolean online, Map<String, Object> props) {
        int up = 1000 + random.nextInt(99_000);
        int dn = 1000 + random.nextInt(99_000);
        schedule.schedule(timeMicros,
                new LogEvent(user.platformUuid(), user.deviceId(), timeMicros, online, type, block, props, up, dn));
    }

    /** Schedules a catalog event (D24: only for entries created now). */
    public void catalog(long timeMicros, CatalogType type, Map<String, Object> data) {
        schedule.schedule(timeMicros, new CatalogEvent(timeMicros, type, data));
    }

    /**
     * Schedules a message to the simulation's {@link dev.synth.engine.DriverExtension}s, delivered to their
     * {@code onReleased} when simulated time reaches it - e.g. "this order was placed", so the driver can
     * schedule its payment and delivery. Messages are never written to outputs.
     */
    public void signal(long timeMicros, Object message) {
        if (message instanceof dev.synth.event.LogEvent || message instanceof dev.synth.event.CatalogEvent
                || message instanceof StateUpdate) {
            throw new IllegalArgumentException("use log, catalog or update for events: " + message);
        }
        schedule.schedule(timeMicros, message);
    }

    /** Schedules an already built item (used to wrap a window). */
    void scheduleRaw(long timeMicros, Object item) {
        schedule.schedule(timeMicros, item);
    }

    /** Schedules a change of this user's state, applied by {@link User#apply} when time reaches it. */
    public void update(long timeMicros, StateUpdate update) {
        schedule.schedule(timeMicros, update);
    }
}
