package dev.synth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synth.SynthException;
import dev.synth.config.PopulationConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.Micros;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import dev.synth.spi.SimulationListener;
import dev.synth.spi.UserRecord;
import dev.synth.user.Scheduled;
import dev.synth.user.UserFactory;
import dev.synth.user.UserMessage;
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
 * Who is in one shard of the simulation (reference 3.1.6, 3.2.10, 4.3): the active users in creation order,
 * the inactive ones (D10: still stored, available for resurrection), the daily population target, and the
 * rules that add, prune, churn and revive users.
 *
 * <p>Shards ({@code global.shards}) are independent sub-populations: shard {@code k} of {@code S} has its share
 * of the population counts ({@link PopulationConfig#forShard}), its own population walk and resurrection
 * streams, and its own users, whose ordinals are {@code k, k + S, k + 2S, ...} - so a user's ordinal (which
 * keys its random streams, D2) carries its shard, and one shard is exactly the unsharded population. A shard
 * is used by one thread at a time: the {@link Driver} hands it to a worker for the users' part of a step and
 * works on it from the simulation thread otherwise.
 */
final class Population {
    private static final Logger LOG = LoggerFactory.getLogger(Population.class);

    private static final long SHARD_STREAM = RandomStreams.key("shard");

    private final SimulationConfig config;
    private final PopulationConfig populationConfig;
    private final int shard;
    private final int shards;
    /** Streams of the population walk and of resurrections: the run's own for one shard, else the shard's. */
    private final RandomStreams populationStreams;
    private final Map<String, UserFactory> userTypes;
    private final UserRuntime.Services services;
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

    Population(SimulationConfig config, int shard, Map<String, UserFactory> userTypes, UserRuntime.Services services,
            List<SimulationListener> listeners) {
        this.config = config;
        this.shards = config.global().shards();
        this.shard = shard;
        this.populationConfig = config.population().forShard(shard, shards);
        this.populationStreams = shards == 1 ? services.streams()
                : new RandomStreams(services.streams().derive(SHARD_STREAM, shard));
        this.nextOrdinal = shard;
        this.userTypes = userTypes;
        this.services = services;
        this.listeners = listeners;
    }

    /** A first run: the target starts at {@code initial_count}, and that many users are created. */
    void start(long startMicros) {
        target = new PopulationManager(populationConfig, startMicros, populationConfig.initialCount());
        add(populationConfig.initialCount(), startMicros);
    }

    /** This shard's index in [0, shards). */
    int shard() {
        return shard;
    }

    /** The shard a user with this ordinal belongs to. */
    static int shardOf(long ordinal, int shards) {
        return (int) Math.floorMod(ordinal, (long) shards);
    }

    /** A resumed run: the stored target, counters and users (active users' schedules are regenerated). */
    void restore(JsonNode state, List<UserRecord> activeRecords, List<UserRecord> inactiveRecords, long clock) {
        nextOrdinal = state.path("next_ordinal").asLong();
        target = new PopulationManager(populationConfig, state.path("population_updated").asLong(),
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
     * The start of a step (reference 1.4 step 4), after the extensions' resurrections: users added up to the
     * target, or the oldest user pruned when asked to (skipping users that say they are spared, e.g. nudged lately).
     */
    void maintain(long stepEnd) {
        long wanted = target.current();
        if (active.size() < wanted) {
            add(wanted - active.size(), stepEnd);
        } else if (populationConfig.pruneOldestRegisteredUsers()
                && active.size() > populationConfig.targetMaxCount() * (1 + populationConfig.volatility())) {
            active.stream().filter(UserRuntime::isActive).filter(r -> !r.user().sparedFromPruning(stepEnd))
                    .min(Comparator.comparingLong((UserRuntime r) -> r.user().identity().registrationMicros())
                            .thenComparingLong(UserRuntime::ordinal))
                    .ifPresent(UserRuntime::forceChurn);
        }
    }

    /**
     * The end of a step: users that churned leave. Their remaining events go to {@code detached}, released in
     * their time; their remaining messages (an order placed in a session that ran past the churn) go to
     * {@code messages} at once, so what they set in motion still happens.
     */
    void organise(long stepEnd, Consumer<Scheduled> detached, Consumer<UserMessage> messages) {
        active.removeIf(runtime -> {
            if (runtime.isActive()) {
                return false;
            }
            runtime.drain(detached, messages);
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

    /**
     * What this shard's users released in a step, in release order (time, user, generation order; D5), and the
     * messages they signalled that are still to be answered (see {@link #release}).
     */
    static final class Release {
        private final List<Scheduled> inTimeOrder;
        private final List<UserMessage> messages;
        private final Redirect out;
        private List<Scheduled> late = List.of();

        private Release(List<Scheduled> inTimeOrder, List<UserMessage> messages, Redirect out) {
            this.inTimeOrder = inTimeOrder;
            this.messages = messages;
            this.out = out;
        }

        List<Scheduled> inTimeOrder() {
            return inTimeOrder;
        }

        /** Events the extensions released in answer to {@link #deliverMessages}, in release order. */
        List<Scheduled> late() {
            return late;
        }

        /** Hands the pending messages to {@code handler}, in the order the users signalled them. */
        void deliverMessages(Consumer<UserMessage> handler) {
            if (messages.isEmpty()) {
                return;
            }
            List<Scheduled> answers = new ArrayList<>();
            out.target = answers::add;
            for (UserMessage message : messages) {
                handler.accept(message);
            }
            late = Driver.sortByTime(answers);
        }
    }

    /** Where a user's released events go; switched once the user's part of the step is done. */
    private static final class Redirect implements Consumer<Scheduled> {
        Consumer<Scheduled> target;

        @Override
        public void accept(Scheduled item) {
            target.accept(item);
        }
    }

    /**
     * The users' part of a step, or of a slice of it: every active user releases what is due before {@code until}
     * (at most {@code stepEnd}), generating new windows as needed (see {@link UserRuntime#advance(long, long,
     * Consumer, Consumer)}). With a {@code messages} handler, the messages users signal are answered at once, as
     * they come; without one (several shards), they are collected, to be answered by
     * {@link Release#deliverMessages} on the simulation thread. Touches only this shard, so shards may run it
     * on different threads at once.
     */
    Release release(long stepEnd, long until, Consumer<UserMessage> messages) {
        List<Scheduled> fromUsers = new ArrayList<>();
        Redirect out = new Redirect();
        out.target = fromUsers::add;
        List<UserMessage> pending = messages == null ? new ArrayList<>() : List.of();
        Consumer<UserMessage> handler = messages == null ? pending::add : messages;
        for (UserRuntime runtime : active) {
            runtime.advance(stepEnd, until, out, handler);
        }
        return new Release(Driver.sortByTime(fromUsers), pending, out);
    }

    /** The daily population walk (reference 4.3). */
    void updateTarget(long stepEnd) {
        target.advanceTo(stepEnd, populationStreams);
    }

    /**
     * The users whose records changed since the last call (churned ones, then new and changed active ones in
     * ordinal order), each {@linkplain UserRuntime#prepareRecord() prepared} to encode its record without the
     * state store.
     */
    List<UserRuntime> changedUsers() {
        List<UserRuntime> changed = new ArrayList<>(changedInactive);
        changedInactive.clear();
        for (UserRuntime r : active) {
            if (r.isDirty()) {
                changed.add(r);
            }
        }
        for (UserRuntime r : changed) {
            r.prepareRecord();
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
            long ordinal = nextOrdinal;
            nextOrdinal += shards;
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

    /** The churned users' records in ordinal order (a copy). */
    List<UserRecord> inactiveRecords() {
        return new ArrayList<>(inactive.values());
    }

    /** A churned user loaded to come back; see {@link StepContext#loadInactive}. */
    Optional<UserRuntime> load(UserRecord record, long clock) {
        ProfileConfig profile = config.profiles().get(record.profileName());
        UserFactory factory = userTypes.get(record.userType());
        if (profile == null || factory == null) {
            LOG.warn("cannot resurrect {}: its profile or user type is no longer configured", record.platformUuid());
            return Optional.empty();
        }
        return Optional.of(UserRuntime.restore(record, profile, factory, services, clock));
    }

    /** A loaded churned user that is active again joins the active users (see {@link StepContext#revive}). */
    void revive(UserRuntime runtime, long at) {
        if (!runtime.isActive()) {
            throw new IllegalStateException(runtime.user() + " cannot be revived: it is not active");
        }
        inactive.remove(runtime.ordinal());
        track(runtime);
        for (SimulationListener l : listeners) {
            l.userResurrected(runtime.user().identity().platformUuid(), Micros.toInstant(at));
        }
    }

    /** A loaded churned user that stays inactive: its changed record is kept and stored with the step. */
    void keepInactive(UserRuntime runtime, long at) {
        inactive.put(runtime.ordinal(), runtime.toRecord(at));
        changedInactive.add(runtime);
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
