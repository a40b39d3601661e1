package dev.synth.engine;

import dev.synth.catalog.CatalogCache;
import dev.synth.catalog.CatalogItem;
import dev.synth.random.RandomStreams;
import dev.synth.user.StateUpdate;
import dev.synth.user.UserRuntime;
import java.util.Optional;

/**
 * What a {@link DriverExtension} may do during a step. Valid only during the call it is passed to.
 */
public interface StepContext {
    /** End of the current step, epoch microseconds UTC; events before it are released in this step. */
    long stepEndMicros();

    /** The run's random streams (D2). */
    RandomStreams streams();

    /** The catalogs. Add entries with {@link #addCatalogEntry}, not directly. */
    CatalogCache catalogs();

    /**
     * Schedules a log or catalog event. {@code actor} orders it among events at the same time: pass the
     * ordinal of the user it concerns, or {@code -1} for the simulation itself.
     */
    void schedule(long timeMicros, long actor, Object event);

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
}
