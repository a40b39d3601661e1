package dev.synth.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synth.StateStoreException;
import dev.synth.config.ProfileConfig;
import dev.synth.event.Block;
import dev.synth.event.CatalogType;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import dev.synth.spi.UserRecord;
import dev.synth.time.Residence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A user together with its schedule: the engine's handle on one user (reference 1.9). Not thread-safe.
 *
 * <p>The schedule is a sorted list filled one 24-hour window at a time: when simulated time passes the end
 * of what was generated, the next window [schedule end, schedule end + 24 h) is generated, and the new
 * schedule end is the later of the window's end and the latest item scheduled. Items are released when
 * their time is before the end of the current step; state updates are applied to the user as they are
 * released. A user may generate its window in parts ({@link Window#defer}): a deferred part runs when a step
 * reaches the time it was deferred to, and nothing at or after that time is released before it ran, so the
 * user holds one part (a session) at a time instead of a whole day, with the same events in the same order.
 *
 * <p>Persistence: before each window is generated, the user's state is saved together with the window's
 * start and number. That record is all a resume needs: the window is regenerated from it - with the same
 * random stream, hence the same items - and the items due before the stored clock are skipped (their state
 * updates applied). So a user's record changes about once a simulated day, not on every step.
 */
public final class UserRuntime {
    private static final long WINDOW_STREAM = RandomStreams.key("window");
    private static final long CREATE_STREAM = RandomStreams.key("create");
    private static final long TIME_ZONE_STREAM = RandomStreams.key("time_zone");

    /**
     * Shared services of all runtimes of one simulation (of one shard).
     *
     * @param userData the run's pools of fake names for new users' personal data
     * @param stored   what the state store holds, so that a user may let go of its saved state once stored
     */
    public record Services(RandomStreams streams, SimulationContext context, ObjectMapper mapper,
            UserData.Pools userData, Stored stored) {
        /** Services without a state store to read back from: users keep their saved state. */
        public Services(RandomStreams streams, SimulationContext context, ObjectMapper mapper, UserData.Pools userData) {
            this(streams, context, mapper, userData, Stored.NOTHING);
        }
    }

    /**
     * The state store as the users see it: how far it has committed, and a user's stored state. Thread-safe.
     */
    public interface Stored {
        /** A store nothing can be read back from: users keep their saved state in memory. */
        Stored NOTHING = new Stored() {
            @Override
            public long committedMicros() {
                return Long.MIN_VALUE;
            }

            @Override
            public Optional<String> state(String platformUuid) {
                return Optional.empty();
            }
        };

        /** The clock of the last committed step. */
        long committedMicros();

        /** The stored state of a user as of the last committed step. */
        Optional<String> state(String platformUuid);
    }

    private final User user;
    private final String userType;
    private final Services services;
    /** What the current window generated and the user has not yet released, in release order. */
    private final CompactSchedule schedule;
    /**
     * The later of the current window's end and its latest item so far: where the next window starts, once the
     * current one is generated completely.
     */
    private long scheduleEnd;
    /** The rest of the current window's generation, deferred by the user ({@link Window#defer}); null if none. */
    private Runnable deferred;
    /** Everything {@link #deferred} schedules is at or after this time. */
    private long deferredUntil;
    /** Items scheduled now must be at or after this time: the window's start, or the bound of the running part. */
    private long floor;
    private long windowStepEnd;
    private int windows;
    /** Changes from outside (e.g. a refund) waiting for the next window; applied before it is generated. */
    private List<StateUpdate> inbox = List.of();
    /**
     * The persisted state as compact JSON text (a tree per user would hold several times the memory); null for
     * a new user until its state is first encoded.
     */
    private String savedState;
    /**
     * The clock of the step whose commit carries {@link #savedState} ({@link Long#MAX_VALUE} until a record was
     * made of it): once that step is committed the string is dropped, to be read back from the store in the rare
     * case it is needed again (a user changed from outside during the window).
     */
    private long savedStateCommit = Long.MAX_VALUE;
    /** Whether {@link #savedState} was dropped because the store holds it. */
    private boolean savedStateStored;
    /** The end of the last step this user released; its schedule is never regenerated before it. */
    private long releasedUntil = Long.MIN_VALUE;
    private boolean dirty;

    private UserRuntime(User user, String userType, Services services, long scheduleEnd) {
        this.user = user;
        this.userType = userType;
        this.services = services;
        this.scheduleEnd = scheduleEnd;
        this.schedule = new CompactSchedule(user.identity());
    }

    /**
     * Creates a new user: identity and personal data drawn from the creation stream of {@code ordinal}, initial
     * state from {@link User#initialize}. Its schedule starts at its registration.
     */
    public static UserRuntime create(long ordinal, ProfileConfig profile, String userType, UserFactory factory,
            long registrationMicros, SimRandom creation, Services services) {
        String prefix = profile.name().length() > 11 ? profile.name().substring(0, 11) : profile.name();
        String uuid = prefix + "-" + creation.uuid();
        String deviceId = Long.toString(creation.nextLong());
        UserIdentity identity = new UserIdentity(uuid, ordinal, deviceId, profile.name(), registrationMicros);
        User user = factory.create(identity, profile);
        Map<String, Object> data = UserData.generate(uuid, creation, services.userData());
        if (profile.usesLocalTime()) {
            // The home comes from a stream of its own, so configuring time zones shifts no other draw of the user.
            SimRandom home = services.streams().stream(TIME_ZONE_STREAM, ordinal);
            Residence residence = Residence.draw(profile.timeZones(), services.context().zoneCountries(), home,
                    "users.profiles." + profile.name() + ".time_zones");
            data = UserData.relocate(data, residence, home);
        }
        user.userData(data);
        user.initialize(creation);
        UserRuntime runtime = new UserRuntime(user, userType, services, registrationMicros);
        runtime.dirty = true; // its record is encoded when first asked for (toRecord), usually after its first window
        return runtime;
    }

    /** The creation stream of the user with this ordinal. */
    public static SimRandom creationStream(RandomStreams streams, long ordinal) {
        return streams.stream(CREATE_STREAM, ordinal);
    }

    /**
     * Rebuilds a user from its record. An active user's current window is regenerated and the items due
     * before {@code clockMicros} are skipped, applying their state updates, so the schedule is exactly what
     * it was when the record's run committed at {@code clockMicros}.
     */
    public static UserRuntime restore(UserRecord record, ProfileConfig profile, UserFactory factory, Services services,
            long clockMicros) {
        try {
            JsonNode node = services.mapper().readTree(record.state());
            UserIdentity identity = new UserIdentity(record.platformUuid(), record.ordinal(),
                    node.path("device_id").asText(), record.profileName(), node.path("registration").asLong());
            User user = factory.create(identity, profile);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = services.mapper().convertValue(node.path("user_data"), LinkedHashMap.class);
            user.userData(Props.copyOf(data));
            user.restoreState(node.path("state"), services.mapper());
            long start = node.path("window_start").asLong();
            int windowsDone = node.path("windows").asInt();
            UserRuntime runtime = new UserRuntime(user, record.userType(), services, start);
            ((ObjectNode) node).remove("user_data"); // held once, as the user's map (see toRecord)
            JsonNode inbox = ((ObjectNode) node).remove("inbox"); // held as the runtime's inbox
            runtime.savedState = services.mapper().writeValueAsString(node);
            if (record.active() && node.path("in_window").asBoolean()) {
                runtime.windows = windowsDone;
                runtime.fillWindow(node.path("step_end").asLong());
                runtime.dirty = false;
                runtime.skipDueBefore(clockMicros);
            } else {
                runtime.windows = windowsDone;
            }
            for (JsonNode update : inbox == null ? List.<JsonNode>of() : inbox) {
                runtime.addToInbox(new StateUpdate(update.path("name").asText(), update.path("value").asDouble()));
            }
            runtime.savedStateCommit = record.lastSeenMicros(); // its saved state is what the store holds
            return runtime;
        } catch (IOException | RuntimeException e) {
            throw new StateStoreException("stored state of user " + record.platformUuid() + " is unreadable: "
                    + e.getMessage(), e);
        }
    }

    public User user() {
        return user;
    }

    public String userType() {
        return userType;
    }

    public long ordinal() {
        return user.identity().ordinal();
    }

    /**
     * Releases everything due before {@code stepEndMicros}: events to {@code out} (in release order for this
     * user), messages to {@code messages} at their place in the schedule; applies released state updates and
     * generates new windows as needed.
     */
    public void advance(long stepEndMicros, Consumer<Scheduled> out, Consumer<UserMessage> messages) {
        advance(stepEndMicros, stepEndMicros, out, messages);
    }

    /**
     * Releases what is due before {@code untilMicros}, a time within the step ending at {@code stepEndMicros}
     * (see {@link #advance(long, Consumer, Consumer)}). Releasing a step in parts, up to increasing times and
     * last up to its end, does exactly what releasing it at once does, in the same order: windows generated on
     * the way are generated for the step's end, whatever part they fall in.
     */
    public void advance(long stepEndMicros, long untilMicros, Consumer<Scheduled> out,
            Consumer<UserMessage> messages) {
        if (savedState != null && !dirty && savedStateCommit <= services.stored().committedMicros()) {
            savedState = null; // the store holds it (about 400 bytes a user)
            savedStateStored = true;
        }
        while (true) {
            while (hasDueBefore(untilMicros)) {
                Scheduled item = schedule.take();
                if (item instanceof Scheduled.Update u) {
                    user.apply(u.update());
                } else if (item instanceof Scheduled.Message m) {
                    messages.accept(new UserMessage(this, m, false, out));
                } else {
                    out.accept(item);
                }
            }
            if (deferred != null && deferredUntil < untilMicros) {
                runDeferred();
            } else if (deferred == null && scheduleEnd < untilMicros && user.isActive()) {
                fillWindow(stepEndMicros);
            } else {
                releasedUntil = untilMicros;
                schedule.trim();
                return;
            }
        }
    }

    /** On resume: drops what was released before {@code clockMicros}, applying its state updates. */
    private void skipDueBefore(long clockMicros) {
        while (true) {
            while (hasDueBefore(clockMicros)) {
                if (schedule.take() instanceof Scheduled.Update u) {
                    user.apply(u.update());
                }
            }
            if (deferred != null && deferredUntil < clockMicros) {
                runDeferred();
            } else {
                return;
            }
        }
    }

    /**
     * Empties the schedule, e.g. when the user churned: log and catalog events still pending go to
     * {@code events} (they are released in their time), messages to {@code messages} (flagged
     * {@link UserMessage#userLeft()}); state updates are dropped.
     */
    public void drain(Consumer<Scheduled> events, Consumer<UserMessage> messages) {
        finishWindow();
        for (Scheduled item : schedule.takeAll()) {
            if (item.isEvent()) {
                events.accept(item);
            } else if (item instanceof Scheduled.Message m) {
                messages.accept(new UserMessage(this, m, true, events));
            }
        }
    }

    /**
     * Hands the user a change from outside its own schedule (a refund, say). It takes effect when the user's
     * next window is generated - the current window's events are already fixed - and is persisted until then.
     */
    public void deliver(StateUpdate update) {
        addToInbox(update);
        dirty = true;
    }

    private void addToInbox(StateUpdate update) {
        if (inbox.isEmpty()) {
            inbox = new ArrayList<>(2); // most users never get one
        }
        inbox.add(update);
    }

    /** Drops the rest of the schedule and generates it again from {@code atMicros} (see {@link UserMessage}). */
    void regenerateFrom(long atMicros) {
        // a message answered after the user released the whole step (several shards) regenerates from the step's end
        long from = Math.max(atMicros, releasedUntil);
        finishWindow();
        clearSchedule();
        user.rescheduleFrom(from);
        scheduleEnd = from;
        dirty = true;
    }

    /**
     * An event of this user made outside its schedule, as an item ordered after everything its current window
     * holds at the same time (and before its next window).
     */
    public Scheduled outOfSchedule(dev.synth.event.LogEvent event) {
        return new Scheduled.Log(event.timeMicros(), ordinal(), ((long) windows << 32) | 0xFFFFFFFFL, event);
    }

    /**
     * A churned user that was changed from outside (e.g. it opened a nudge) comes back at {@code atMicros} if
     * that made it active: it starts a new schedule at that time (D9). Its state is saved either way.
     */
    public void comeBackIfActive(long atMicros) {
        finishWindow();
        if (user.isActive()) {
            user.resumeAt(atMicros);
            clearSchedule();
            scheduleEnd = atMicros;
        }
        save(encodeState(false));
        dirty = true;
    }

    /**
     * Brings a churned user back at {@code atMicros} (D9): applies {@code change}, drops whatever was still
     * scheduled, and starts its next window at that time - it never back-fills the time it was away.
     */
    public void resurrect(long atMicros, StateUpdate change) {
        finishWindow();
        user.resumeAt(atMicros);
        user.apply(change);
        clearSchedule();
        scheduleEnd = atMicros;
        save(encodeState(false));
        dirty = true;
    }

    /** Forces the user to churn now (population pruning). */
    public void forceChurn() {
        finishWindow(); // its deferred sessions are generated as the user was, as if generated with the window
        user.forceChurn();
    }

    public boolean isActive() {
        return user.isActive();
    }

    /** Whether the persisted record changed since the last {@link #toRecord}. */
    public boolean isDirty() {
        return dirty;
    }

    /** Marks the record changed, e.g. after the user churned. */
    public void markDirty() {
        dirty = true;
    }

    /**
     * Reads back from the state store what {@link #toRecord} needs of it, if anything (the saved state the user
     * let go of once it was stored), so that {@code toRecord} can then run without the store, e.g. while the
     * store writes the records of a step.
     */
    public void prepareRecord() {
        if (user.isActive() && savedState == null && savedStateStored) {
            savedState = storedState();
        }
    }

    /**
     * The persisted form. For an active user it is the state saved before its current window; for an
     * inactive user, its state now (it generates no more windows).
     */
    public UserRecord toRecord(long clockMicros) {
        dirty = false;
        prepareRecord();
        if (!user.isActive() || savedState == null) {
            savedState = encodeState(false);
        }
        savedStateStored = false;
        savedStateCommit = clockMicros;
        String state = savedState;
        try {
            if (!inbox.isEmpty()) {
                ObjectNode node = (ObjectNode) services.mapper().readTree(savedState);
                var array = node.putArray("inbox");
                for (StateUpdate u : inbox) {
                    array.addObject().put("name", u.name()).put("value", u.value());
                }
                state = services.mapper().writeValueAsString(node);
            }
            // the personal data never changes, so it is kept once as a map, not in every saved state (memory)
            state = "{\"user_data\":" + services.mapper().writeValueAsString(user.userData()) + ","
                    + state.substring(1);
        } catch (IOException e) {
            throw new StateStoreException("cannot encode the state of " + user, e);
        }
        return new UserRecord(user.identity().platformUuid(), ordinal(), userType, user.identity().profileName(),
                user.isActive(), clockMicros, state);
    }

    /**
     * Whether the next item is due before {@code micros}: also before whatever a deferred part may still schedule,
     * since that may come first.
     */
    private boolean hasDueBefore(long micros) {
        return schedule.hasDueBefore(deferred == null ? micros : Math.min(micros, deferredUntil));
    }

    private void clearSchedule() {
        schedule.clear();
        deferred = null;
    }

    /** Runs the part of the window the user deferred, and puts what it scheduled in order. */
    private void runDeferred() {
        Runnable part = deferred;
        deferred = null;
        floor = deferredUntil;
        part.run();
        schedule.settle(deferred == null);
    }

    /** Generates whatever the current window still defers, at once. */
    private void finishWindow() {
        while (deferred != null) {
            runDeferred();
        }
    }

    private void fillWindow(long stepEndMicros) {
        long start = scheduleEnd;
        long end = start + Micros.PER_DAY;
        for (StateUpdate update : inbox) {
            user.apply(update);
        }
        inbox = List.of();
        windowStepEnd = stepEndMicros;
        save(encodeState(true));
        dirty = true;
        windows++;
        SimRandom random = services.streams().stream(WINDOW_STREAM, ordinal(), windows);
        clearSchedule();
        scheduleEnd = end;
        floor = start;
        Window window = new Window(user.identity(), start, end, stepEndMicros, random, services.context(),
                (long) windows << 32, new WindowSchedule());
        UserIdentity identity = user.identity();
        if (!identity.registeredBefore(start) && identity.registrationMicros() <= end) {
            long at = identity.registrationMicros();
            window.catalog(at, CatalogType.USER, user.userData());
            window.log(at, "identify", Block.CORE, true, Props.of("action", "register"));
        }
        if (identity.registrationMicros() <= end) {
            user.generate(window);
        }
        schedule.settle(deferred == null);
    }

    /** Where the current window's items go. */
    private final class WindowSchedule implements Window.Schedule {
        @Override
        public void add(Scheduled item) {
            long time = item.timeMicros();
            if (time < floor) {
                throw new IllegalStateException(user + " scheduled an item at " + Micros.toInstant(time)
                        + " before " + Micros.toInstant(floor) + " (the start of its window, or the time it"
                        + " deferred the part that scheduled it to)");
            }
            schedule.add(item);
            scheduleEnd = Math.max(scheduleEnd, time);
        }

        @Override
        public void defer(long notBeforeMicros, Runnable rest) {
            if (deferred != null) {
                throw new IllegalStateException(user + " deferred two parts of its window at once");
            }
            if (notBeforeMicros < floor) {
                throw new IllegalStateException(user + " deferred a part of its window to "
                        + Micros.toInstant(notBeforeMicros) + ", before " + Micros.toInstant(floor));
            }
            deferred = rest;
            deferredUntil = notBeforeMicros;
        }
    }

    /** Keeps a newly saved state, until its record is made and stored. */
    private void save(String state) {
        savedState = state;
        savedStateStored = false;
        savedStateCommit = Long.MAX_VALUE;
    }

    /** The saved state as the store holds it (read back after it was dropped), without user data and inbox. */
    private String storedState() {
        String stored = services.stored().state(user.identity().platformUuid()).orElseThrow(() ->
                new StateStoreException("the state store no longer holds " + user + ", whose saved state it took"));
        try {
            ObjectNode node = (ObjectNode) services.mapper().readTree(stored);
            node.remove("user_data");
            node.remove("inbox");
            return services.mapper().writeValueAsString(node);
        } catch (IOException e) {
            throw new StateStoreException("stored state of user " + user + " is unreadable: " + e.getMessage(), e);
        }
    }

    private String encodeState(boolean atWindowStart) {
        ObjectMapper mapper = services.mapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("device_id", user.identity().deviceId());
        node.put("registration", user.identity().registrationMicros());
        node.set("state", user.saveState(mapper));
        node.put("window_start", scheduleEnd);
        node.put("windows", windows);
        node.put("in_window", atWindowStart);
        node.put("step_end", windowStepEnd);
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new StateStoreException("cannot encode the state of " + user, e);
        }
    }
}
