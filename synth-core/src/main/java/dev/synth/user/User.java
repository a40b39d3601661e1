package dev.synth.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.config.ProfileConfig;
import dev.synth.random.SimRandom;
import java.util.Map;
import java.util.Objects;

/**
 * A synthetic user: the extension point for host applications (DESIGN note 10).
 *
 * <p>Lifecycle, driven by the engine on the simulation's thread:
 * <ol>
 *   <li>construction through a {@link UserFactory};</li>
 *   <li>either {@link #initialize} (a new user: draw its initial state) or {@link #restoreState} (a user
 *       loaded from the state store);</li>
 *   <li>repeatedly {@link #generate}: fill the next 24-hour window of the schedule. The engine emits the
 *       registration events ({@code identify register} and the user catalog entry) itself;</li>
 *   <li>{@link #apply} for every {@link StateUpdate} the user scheduled, when simulated time reaches it;</li>
 *   <li>{@link #isActive} after every step: once false, the user has churned and generates no more windows.</li>
 * </ol>
 *
 * <p>Determinism contract: {@code generate} must draw randomness only from {@link Window#random()} (and fake
 * text from the context's fake data reseeded from it), and read only this user's state, its profile and the
 * catalogs. The engine saves the state before each window and, on resume, regenerates the window from it.
 */
public abstract class User {
    private final UserIdentity identity;
    private final ProfileConfig profile;
    private Map<String, Object> userData = Map.of();

    protected User(UserIdentity identity, ProfileConfig profile) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    public final UserIdentity identity() {
        return identity;
    }

    public final ProfileConfig profile() {
        return profile;
    }

    /** The generated personal data of the user (reference 3.1.4), persisted with it (D11). */
    public final Map<String, Object> userData() {
        return userData;
    }

    final void userData(Map<String, Object> data) {
        this.userData = Objects.requireNonNull(data, "data");
    }

    /** Draws the initial state of a new user. Default: nothing. */
    protected void initialize(SimRandom random) {
    }

    /** Generates the user's own events for one window. See the class documentation for the contract. */
    protected abstract void generate(Window window);

    /** Whether the user is still part of the population. */
    public abstract boolean isActive();

    /** Applies a state update the user scheduled, when simulated time reaches it. Default: ignores it. */
    protected void apply(StateUpdate update) {
    }

    /**
     * The user comes back after having churned, at {@code micros} (D9): restart whatever daily cadence it
     * keeps from there, so the time it was away is not replayed. Default: nothing.
     */
    protected void resumeAt(long micros) {
    }

    /**
     * The user's schedule is generated again from {@code micros} (after it received a nudge): undo whatever
     * the dropped part of the old schedule had scheduled ahead, e.g. a daily change. Default: nothing.
     */
    protected void rescheduleFrom(long micros) {
    }

    /** Makes the user churn now (population pruning). Default: nothing. */
    /**
     * Whether {@code prune_oldest_registered_users} must pass over this user in the step ending at
     * {@code stepEndMicros} (reference 3.1.6: users nudged in the last 7 days are spared). Default: false.
     */
    public boolean sparedFromPruning(long stepEndMicros) {
        return false;
    }

    protected void forceChurn() {
    }

    /** The user's state as JSON, for the state store. */
    protected abstract JsonNode saveState(ObjectMapper mapper);

    /** Restores what {@link #saveState} produced. */
    protected abstract void restoreState(JsonNode state, ObjectMapper mapper);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + identity.platformUuid() + "]";
    }
}
