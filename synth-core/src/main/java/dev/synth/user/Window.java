package dev.synth.user;

import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.random.SimRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

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
    @FunctionalInterface
    public interface Schedule {
        /** Adds an item to the user's schedule. */
        void add(Scheduled item);

        /**
         * Takes the rest of the window's generation to run later (see {@link Window#defer}). By default it runs
         * at once: a schedule that holds whole windows generates them eagerly.
         */
        default void defer(long notBeforeMicros, Runnable rest) {
            rest.run();
        }
    }

    private final UserIdentity user;
    private final long startMicros;
    private final long endMicros;
    private final long stepEndMicros;
    private final SimRandom random;
    private final SimulationContext context;
    private final long sequenceBase;
    /** Items scheduled so far, shared with {@link #observed} views: the low part of each item's sequence. */
    private final int[] count;
    private final Schedule schedule;

    /**
     * A window of {@code user} over [{@code startMicros}, {@code endMicros}); items get the sequence numbers
     * {@code sequenceBase + 0, 1, 2...} in the order they are scheduled.
     */
    public Window(UserIdentity user, long startMicros, long endMicros, long stepEndMicros, SimRandom random,
            SimulationContext context, long sequenceBase, Schedule schedule) {
        this(user, startMicros, endMicros, stepEndMicros, random, context, sequenceBase, new int[1], schedule);
    }

    private Window(UserIdentity user, long startMicros, long endMicros, long stepEndMicros, SimRandom random,
            SimulationContext context, long sequenceBase, int[] count, Schedule schedule) {
        this.user = Objects.requireNonNull(user, "user");
        this.startMicros = startMicros;
        this.endMicros = endMicros;
        this.stepEndMicros = stepEndMicros;
        this.random = Objects.requireNonNull(random, "random");
        this.context = context;
        this.sequenceBase = sequenceBase;
        this.count = count;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    public UserIdentity user() {
        return user;
    }

    /** Start of the window, epoch microseconds UTC (inclusive). */
    public long startMicros() {
        return startMicros;
    }

    /** End of the window, epoch microseconds UTC (exclusive); events may still be scheduled after it. */
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

    /** {@link #stepEndMicros()} as an {@link Instant}. */
    public Instant stepEnd() {
        return Micros.toInstant(stepEndMicros);
    }

    /** Start of the window as an {@link Instant}. */
    public Instant start() {
        return Micros.toInstant(startMicros);
    }

    /** End of the window as an {@link Instant}. */
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

    private long nextSequence() {
        return sequenceBase | count[0]++;
    }

    /** Schedules a log event of this user; its {@code up}/{@code dn} values are drawn from the window's stream. */
    public void log(long timeMicros, String type, Block block, boolean online, Map<String, Object> props) {
        int up = 1000 + random.nextInt(99_000);
        int dn = 1000 + random.nextInt(99_000);
        schedule.add(new Scheduled.Log(timeMicros, user.ordinal(), nextSequence(),
                new LogEvent(user.platformUuid(), user.deviceId(), timeMicros, online, type, block, props, up, dn)));
    }

    /**
     * Schedules a {@linkplain LogEvent#fake() fake} log event of this user: one the simulation makes up without a
     * real counterpart (such as the reference's fake nudge responses), which sinks asked to filter drop.
     */
    public void logFake(long timeMicros, String type, Block block, boolean online, Map<String, Object> props) {
        int up = 1000 + random.nextInt(99_000);
        int dn = 1000 + random.nextInt(99_000);
        schedule.add(new Scheduled.Log(timeMicros, user.ordinal(), nextSequence(), new LogEvent(user.platformUuid(),
                user.deviceId(), timeMicros, online, type, block, props, up, dn, true)));
    }

    /** {@link #log(long, String, Block, boolean, Map)} at an {@link Instant} (microsecond precision). */
    public void log(Instant time, String type, Block block, boolean online, Map<String, Object> props) {
        log(Micros.of(time), type, block, online, props);
    }

    /** Schedules a catalog event (D24: only for entries created now). */
    public void catalog(long timeMicros, CatalogType type, Map<String, Object> data) {
        schedule.add(new Scheduled.Catalog(timeMicros, user.ordinal(), nextSequence(),
                new CatalogEvent(timeMicros, type, data)));
    }

    /** {@link #catalog(long, CatalogType, Map)} at an {@link Instant}. */
    public void catalog(Instant time, CatalogType type, Map<String, Object> data) {
        catalog(Micros.of(time), type, data);
    }

    /**
     * Schedules a message to the simulation's driver extensions, delivered to their {@code onMessage} when
     * simulated time reaches it, while this user's schedule is being released - e.g. "this order was placed",
     * so an extension can schedule its payment and delivery. Messages are never written to outputs. A message
     * still pending when the user churns is delivered then, flagged as such.
     */
    public void signal(long timeMicros, Object message) {
        if (message instanceof LogEvent || message instanceof CatalogEvent || message instanceof StateUpdate) {
            throw new IllegalArgumentException("use log, catalog or update for events: " + message);
        }
        schedule.add(new Scheduled.Message(timeMicros, user.ordinal(), nextSequence(), message));
    }

    /** {@link #signal(long, Object)} at an {@link Instant}. */
    public void signal(Instant time, Object message) {
        signal(Micros.of(time), message);
    }

    /** Schedules a change of this user's state, applied by {@link User#apply} when time reaches it. */
    public void update(long timeMicros, StateUpdate update) {
        schedule.add(new Scheduled.Update(timeMicros, user.ordinal(), nextSequence(), update));
    }

    /** {@link #update(long, StateUpdate)} at an {@link Instant}. */
    public void update(Instant time, StateUpdate update) {
        update(Micros.of(time), update);
    }

    /**
     * Generates the rest of this window later, on demand: {@code rest} runs - with this window, its stream going
     * on where it stopped - once simulated time reaches {@code notBeforeMicros}, before anything scheduled at or
     * after that time is released. So a user holds only the part of its day that is due soon (e.g. one session
     * at a time) instead of the whole day, and the events are exactly those of generating everything at once,
     * provided that:
     * <ul>
     *   <li>everything {@code rest} schedules (and any part it defers in turn) is at or after
     *       {@code notBeforeMicros}, which is checked;</li>
     *   <li>{@code rest} reads nothing that may change before it runs, or keeps what it needs itself: the user's
     *       scheduled {@link StateUpdate}s from earlier windows have been applied when a window is generated, but
     *       a user changed from outside (a message answered, a resurrection) sees its deferred parts run first,
     *       at that moment.</li>
     * </ul>
     * Only one part may wait at a time: call {@code defer} at most once per part, typically as its last step.
     * The engine may run {@code rest} at once, or at any time before {@code notBeforeMicros}.
     *
     * @throws IllegalStateException if a part is already deferred, or {@code notBeforeMicros} is before what
     *         the part that defers may itself schedule
     */
    public void defer(long notBeforeMicros, Runnable rest) {
        schedule.defer(notBeforeMicros, Objects.requireNonNull(rest, "rest"));
    }

    /**
     * A view of this window that schedules everything into it and also reports the time of every log event
     * scheduled through the view, e.g. to place events between them afterwards.
     */
    public Window observed(LongConsumer logTimes) {
        Schedule target = schedule;
        return new Window(user, startMicros, endMicros, stepEndMicros, random, context, sequenceBase, count,
                new Schedule() {
                    @Override
                    public void add(Scheduled item) {
                        if (item instanceof Scheduled.Log) {
                            logTimes.accept(item.timeMicros());
                        }
                        target.add(item);
                    }

                    @Override
                    public void defer(long notBeforeMicros, Runnable rest) {
                        target.defer(notBeforeMicros, rest);
                    }
                });
    }
}
