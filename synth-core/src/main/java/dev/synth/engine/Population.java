package dev.synth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synth.SynthException;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.Micros;
import dev.synth.nudge.Nudge;
import dev.synth.nudge.NudgeService;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import dev.synth.spi.SimulationListener;
import dev.synth.spi.UserRecord;
import dev.synth.user.Scheduled;
import dev.synth.user.SessionEngagementUser;
import dev.synth.user.StateUpdate;
import dev.synth.user.UserFactory;
import dev.synth.user.UserRuntime;
import dev.synth.variable.PopulationManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in the simulation (reference 3.1.6, 3.2.10, 4.3): the active users in creation order, the inactive
 * ones (D10: still stored, available for resurrection), the daily population target, and the rules that
 * add, prune, churn and revive users. Used by the {@link Driver} on the simulation thread.
 */
final class Population {
    private static final Logger LOG = LoggerFactory.getLogger(Population.class);
    private static final long RESURRECTION_STREAM = RandomStreams.key("resurrection");
    private static final long NUDGE_RESURRECTION_STREAM = RandomStreams.key("nudge-resurrection");

    private final SimulationConfig config;
    private final Map<String, UserFactory> userTypes;
    private final UserRuntime.Services services;
    private final NudgeService nudges;
    private final List<SimulationListener> listeners;

    private PopulationManager target;
    private long nextOrdinal;
    /** In ordinal order, which is also the order their events are collected in (D5). */
    private final List<UserRuntime> active = new ArrayList<>();
    private final Map<String, UserRuntime> byUuid = new HashMap<>();
    /** Churned users by ordinal, as their records. */
    private final TreeMap<Long, UserRecord> inactive = new TreeMap<>();
    /** Users no longer active whose record changed in the current step. */
    private final List<UserRuntime> changedInactive = new ArrayList<>();

    Population(SimulationConfig config, Map<String, UserFactory> userTypes, UserRuntime.Services services,
            NudgeService nudges, List<SimulationListener> listeners) {
        this.config = config;
        this.userTypes = userTypes;
        this.services = services;
        this.nudges = nudges;
        this.listeners = listeners;
    }

    /** A first run: the target starts at {@code initial_count}, and that many users are created. */
    void start(long startMicros) {
        target = new PopulationManager(config.population(), startMicros, config.population().initialCount());
        add(config.population().initialCount(), startMicros);
    }

    /** A resumed run: the stored target, counters and users (active users' schedules are regenerated). */
    void restore(JsonNode state, List<UserRecord> activeRecords, List<UserRecord> inactiveRecords, long clock) {
        nextOrdinal = state.path("next_ordinal").asLong();
        target = new PopulationManager(config.population(), state.path("population_updated").asLong(),
                state.path("population").asLong());
        for (UserRecord record : activeRecords) {
            track(UserRuntime.restore(record, profileOf(record), factoryOf(record), services, clock));
        }
        for (UserRecord record : inactiveRecords) {
            inactive.put(record.ordinal(), record);
        }
    }

    void save(ObjectNode state) {
        state.put("next_ordinal", nextOrdinal);
        state.put("population", target.current());
        state.put("population_updated", target.lastUpdateMicros());
    }

    List<UserRuntime> active() {
        return Collections.unmodifiableList(active);
    }

    int activeCount() {
        return active.size();
    }

    int inactiveCount() {
        return inactive.size();
    }

    Optional<UserRuntime> activeUser(String platformUuid) {
        UserRuntime runtime = byUuid.get(platformUuid);
        return runtime != null && runtime.isActive() ? Optional.of(runtime) : Optional.empty();
    }

    /**
     * The start of a step (reference 1.4 step 4): resurrections, then users added up to the target, or the
     * oldest user pruned when asked to (sparing users nudged in the last 7 days). Events created on the way (nudge responses) go to {@code detached}.
     */
    void maintain(long stepEnd, long clock, Consumer<Scheduled> detached, RandomStreams streams) {
        resurrectByNudges(stepEnd, clock, detached, streams);
        resurrectAtRandom(stepEnd, clock, streams);
        long wanted = target.current();
        if (active.size() < wanted) {
            add(wanted - active.size(), stepEnd);
        } else if (config.population().pruneOldestRegisteredUsers()
                && active.size() > config.population().targetMaxCount() * (1 + config.population().volatility())) {
            active.stream().filter(UserRuntime::isActive).filter(r -> !nudgedRecently(r, stepEnd))
                    .min(Comparator.comparingLong((UserRuntime r) -> r.user().identity().registrationMicros())
                            .thenComparingLong(UserRuntime::ordinal))
                    .ifPresent(UserRuntime::forceChurn);
        }
    }

    /** Pruning spares users that received a nudge in the 7 days before the step (reference 3.1.6). */
    private static final long PRUNE_SPARES_NUDGED_WITHIN = 7 * Micros.PER_DAY;

    private static boolean nudgedRecently(UserRuntime runtime, long stepEnd) {
        if (!(runtime.user() instanceof dev.synth.nudge.NudgeReceiver receiver)) {
            return false;
        }
        long last = receiver.lastNudgeMicros();
        return last != Long.MIN_VALUE && last > stepEnd - PRUNE_SPARES_NUDGED_WITHIN;
    }

    /**
     * The end of a step: users that churned leave. Their remaining events go to {@code detached}, released in
     * their time; their remaining messages (an order placed in a session that ran past the churn) go to
     * {@code messages} at once, so what they set in motion still happens.
     */
    void organise(long stepEnd, Consumer<Scheduled> detached, Consumer<Object> messages) {
        active.removeIf(runtime -> {
            if (runtime.isActive()) {
                return false;
            }
            for (Scheduled item : runtime.drainEvents()) {
                if (item.item() instanceof dev.synth.event.LogEvent || item.item() instanceof dev.synth.event.CatalogEvent) {
                    detached.accept(item);
                } else {
                    messages.accept(item.item());
                }
            }
            byUuid.remove(runtime.user().identity().platformUuid());
            inactive.put(runtime.ordinal(), runtime.toRecord(stepEnd));
            runtime.markDirty();
            changedInactive.add(runtime);
            for (SimulationListener l : listeners) {
                l.userChurned(runtime.user().identity().platformUuid(), Micros.toInstant(stepEnd));
            }
            return true;
        });
    }

    /** The daily population walk (reference 4.3). */
    void updateTarget(long stepEnd, RandomStreams streams) {
        target.advanceTo(stepEnd, streams);
    }

    /** The records that changed since the last call (new, changed and churned users). */
    List<UserRecord> changedRecords(long clock) {
        List<UserRecord> changed = new ArrayList<>();
        for (UserRuntime r : changedInactive) {
            changed.add(r.toRecord(clock));
        }
        changedInactive.clear();
        for (UserRuntime r : active) {
            if (r.isDirty()) {
                changed.add(r.toRecord(clock));
            }
        }
        return changed;
    }

    private void add(long count, long at) {
        if (count <= 0) {
            return;
        }
        Map<String, ProfileConfig> profiles = config.profiles();
        Map<String, Double> occurrence = new LinkedHashMap<>();
        profiles.forEach((name, p) -> occurrence.put(name, p.occurrenceProbability()));
        Map<String, Double> weights = occurrence;
        if (config.global().managePopulationCountsPerProfile()) {
            Map<String, Integer> existing = new HashMap<>();
            for (UserRuntime r : active) {
                existing.merge(r.user().identity().profileName(), 1, Integer::sum);
            }
            weights = ProfileChooser.needBased(occurrence, existing, target.current());
        }
        ProfileChooser.Choice choice = ProfileChooser.of(profiles, weights);
        for (long i = 0; i < count; i++) {
            long ordinal = nextOrdinal++;
            SimRandom creation = UserRuntime.creationStream(services.streams(), ordinal);
            ProfileConfig profile = choice.profiles().get(creation.weightedIndex(choice.weights()));
            long registration = at;
            if (config.global().randomiseRegistrationTimes()) {
                registration += (long) (creation.nextDouble() * Micros.PER_DAY);
            }
            UserFactory factory = userTypes.get(profile.userType());
            track(UserRuntime.create(ordinal, profile, profile.userType(), factory, registration, creation, services));
        }
    }

    /** Adds a user to the active list at its ordinal's place. */
    private void track(UserRuntime runtime) {
        int at = active.size();
        if (at > 0 && active.get(at - 1).ordinal() > runtime.ordinal()) {
            at = 0;
            while (active.get(at).ordinal() < runtime.ordinal()) {
                at++;
            }
        }
        active.add(at, runtime);
        byUuid.put(runtime.user().identity().platformUuid(), runtime);
    }

    /**
     * Random resurrection (reference 3.2.10, D9): with {@code resurrection_probability} per step, one
     * uniformly chosen inactive user gets its engagement raised by 1.0 and starts a new schedule at the
     * step's end - it never back-fills the time it was away.
     */
    private void resurrectAtRandom(long stepEnd, long clock, RandomStreams streams) {
        double p = config.population().resurrectionProbability();
        if (inactive.isEmpty() || p <= 0) {
            return;
        }
        SimRandom random = streams.stream(RESURRECTION_STREAM, stepEnd);
        if (!random.chance(p)) {
            return;
        }
        int index = random.index(inactive.size());
        UserRecord record = inactive.values().stream().skip(index).findFirst().orElseThrow();
        Optional<UserRuntime> revived = load(record, clock);
        if (revived.isEmpty()) {
            return;
        }
        UserRuntime runtime = revived.get();
        runtime.resurrect(stepEnd, new StateUpdate(SessionEngagementUser.ENGAGEMENT_ADJUSTMENT, 1.0));
        if (runtime.isActive()) {
            revive(runtime, stepEnd);
        }
    }

    /**
     * Nudge-based resurrection (reference 3.2.10), only near real time: a share of the inactive users -
     * {@code inactive_nudge_check_ratio_per_hour} times the hours since the last step, at least one - is
     * asked, without repetition (fix of 10.1#32), for nudges queued since it was last seen; a user that
     * opens one comes back.
     */
    private void resurrectByNudges(long stepEnd, long clock, Consumer<Scheduled> detached, RandomStreams streams) {
        double ratio = config.population().inactiveNudgeCheckRatioPerHour();
        if (nudges == null || ratio <= 0 || inactive.isEmpty() || !nudges.isNearNow(stepEnd)) {
            return;
        }
        double hours = (stepEnd - clock) / (double) Micros.PER_HOUR;
        int k = (int) Math.min(inactive.size(), Math.max(1, Math.rint(ratio * hours * inactive.size())));
        List<UserRecord> candidates = new ArrayList<>(inactive.values());
        streams.stream(NUDGE_RESURRECTION_STREAM, stepEnd).shuffle(candidates);
        for (UserRecord record : candidates.subList(0, k)) {
            List<Nudge> found = nudges.nudgesSince(record.platformUuid(), record.lastSeenMicros());
            Optional<UserRuntime> loaded = found.isEmpty() ? Optional.empty() : load(record, clock);
            if (loaded.isEmpty()) {
                continue;
            }
            UserRuntime runtime = loaded.get();
            runtime.resurrectWithNudges(stepEnd, found).forEach(detached);
            if (runtime.isActive()) {
                revive(runtime, stepEnd);
            } else {
                inactive.put(record.ordinal(), runtime.toRecord(stepEnd));
                changedInactive.add(runtime);
            }
        }
    }

    private Optional<UserRuntime> load(UserRecord record, long clock) {
        ProfileConfig profile = config.profiles().get(record.profileName());
        UserFactory factory = userTypes.get(record.userType());
        if (profile == null || factory == null) {
            LOG.warn("cannot resurrect {}: its profile or user type is no longer configured", record.platformUuid());
            return Optional.empty();
        }
        return Optional.of(UserRuntime.restore(record, profile, factory, services, clock));
    }

    private void revive(UserRuntime runtime, long at) {
        inactive.remove(runtime.ordinal());
        track(runtime);
        for (SimulationListener l : listeners) {
            l.userResurrected(runtime.user().identity().platformUuid(), Micros.toInstant(at));
        }
    }

    private ProfileConfig profileOf(UserRecord record) {
        ProfileConfig profile = config.profiles().get(record.profileName());
        if (profile == null) {
            throw new SynthException("stored user " + record.platformUuid() + " belongs to profile '"
                    + record.profileName() + "', which the configuration no longer has");
        }
        return profile;
    }

    private UserFactory factoryOf(UserRecord record) {
        UserFactory factory = userTypes.get(record.userType());
        if (factory == null) {
            throw new SynthException("stored user " + record.platformUuid() + " has user type '" + record.userType()
                    + "', which is not registered");
        }
        return factory;
    }
}
