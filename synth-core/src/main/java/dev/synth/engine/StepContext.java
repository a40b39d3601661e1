package dev.synth.engine;

import dev.synth.catalog.CatalogCache;
import dev.synth.catalog.CatalogItem;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.random.RandomStreams;
import dev.synth.spi.UserRecord;
import dev.synth.user.StateUpdate;
import dev.synth.user.UserRuntime;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link DriverExtension} may do during a step. Valid only during the call it is passed to.
 */
public interface StepContext {
    /** Start of the current step (the end of the previous one), epoch microseconds UTC. */
    long stepStartMicros();

    /** End of the current step, epoch microseconds UTC; events before it are released in this step. */
    long stepEndMicros();

    /** The run's random streams (D2). */
    RandomStreams streams();

    /** The catalogs. Add entries with {@link #addCatalogEntry}, not directly. */
    CatalogCache catalogs();

    /**
     * Schedules a log event. {@code actor} orders it among events at the same time: pass the ordinal of the
     * user it concerns, or {@code -1} for the simulation itself.
     */
    void schedule(long timeMicros, long actor, LogEvent event);

    /** Schedules a catalog event; see {@link #schedule(long, long, LogEvent)}. */
    void schedule(long timeMicros, long actor, CatalogEvent event);

    /**
     * Schedules an event of {@code user} made outside its own schedule (e.g. its answer to a nudge while it
     * was away), released at the event's time after everything the user's current window holds at that time.
     */
    void scheduleFor(UserRuntime user, LogEvent event);

    /** Adds a new catalog entry: cached, stored with the step, and written as a catalog event at {@code timeMicros}. */
    void addCatalogEntry(CatalogItem item, long timeMicros);

    /** The active user with this platform uuid. */
    Optional<UserRuntime> activeUser(String platformUuid);

    /** Delivers a state change to an active user (see {@link UserRuntime#deliver}); false if not active. */
    default boolean deliver(String platformUuid, StateUpdate update) {
        Optional<UserRuntime> user = activeUser(platformUuid);
        user.ifPresent(u -> u.deliver(update));
        return user.isPresent();
    }

    /** How many users have churned (and may come back). */
    int inactiveCount();

    /** The churned users' records, in ordinal order (a copy). */
    List<UserRecord> inactiveUsers();

    /**
     * Loads a churned user so that it may come back; empty (with a warning) when its profile or user type is
     * no longer configured. Nothing changes until {@link #revive} or {@link #keepInactive} is called.
     */
    Optional<UserRuntime> loadInactive(UserRecord record);

    /**
     * Makes a user loaded with {@link #loadInactive} active again from this step's end (D9); it must be
     * active ({@link UserRuntime#isActive()}). Only in {@link DriverExtension#startOfStep}.
     */
    void revive(UserRuntime user);

    /** Stores the changed record of a user loaded with {@link #loadInactive} that stays inactive. */
    void keepInactive(UserRuntime user);
}
