package dev.synth.model.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.config.EngagementConfig;
import dev.synth.config.ProductUserType;
import dev.synth.config.ProfileConfig;
import dev.synth.event.Block;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.model.nudge.Nudge;
import dev.synth.model.nudge.NudgeCheck;
import dev.synth.model.nudge.NudgeReceiver;
import dev.synth.model.nudge.NudgeRules;
import dev.synth.random.SimRandom;
import dev.synth.random.WeightedChoice;
import dev.synth.time.LocalCalendar;
import dev.synth.user.StateUpdate;
import dev.synth.user.User;
import dev.synth.user.NamedUserType;
import dev.synth.user.UserIdentity;
import dev.synth.user.Window;
import dev.synth.variable.DailyVariableManager;
import dev.synth.variable.Engagement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A user whose hidden session engagement drifts day by day and decides whether it has sessions on a day, and
 * when it churns (reference 3.2, without nudges; D21, D22).
 *
 * <p>Per window: if the user is engaged that day ({@code 0.8 + 0.2 * engagement}, gated by the weekday's
 * probability), it has {@code round(min + (max - min) * U * (1 - f + engagement * f))} sessions at hours
 * drawn from {@code session_hourly_start_probabilities}; sessions never overlap. Each session is a login,
 * content events drawn from {@code event_probabilities} for the session's duration, a logout and possibly an
 * app rating; mobile users also open, background, resume and close the app. The engagement changes once a
 * day from registration; the change is scheduled as a {@link StateUpdate} and takes effect at its day
 * boundary, and the user churns when the level falls to (about) zero.
 *
 * <p>When the profile sets {@code time_zones}, the user lives in its local time ({@link #localCalendar()}): start
 * hours are local hours (a skipped hour gets no start, a repeated one is not double-weighted), whether it is engaged
 * is decided per local date (its weekday, and {@code holiday_activity_factor} on a public holiday of its country),
 * a session drawn on a date the user is not engaged is dropped, and the engagement changes at the local time of
 * registration on each local day. Without {@code time_zones} everything is UTC exactly as in the reference.
 */
public class SessionEngagementUser extends User implements NudgeReceiver {
    /** The registered user type name. */
    public static final String TYPE = "session_engagement";

    /** Makes this user type known by its {@link #TYPE} name; found by {@link java.util.ServiceLoader}. */
    public static final class Type extends NamedUserType {
        public Type() {
            super(TYPE, SessionEngagementUser::new);
        }

        /** Its users pick content event types in every session. */
        @Override
        public boolean needsEventProbabilities(ProfileConfig profile) {
            return true;
        }
    }
    /** Name of the engagement variable and of its daily changes. */
    public static final String SESSION_ENGAGEMENT = "session_engagement";
    /** An immediate change of the engagement (resurrection, an opened nudge): clamped, even from 0. */
    public static final String ENGAGEMENT_ADJUSTMENT = "session_engagement_adjustment";

    /** Persistent state; a plain Jackson-mappable bean. */
    public static class State {
        /** Current session engagement level in [0, 1]. */
        public double engagement;
        /** When the engagement was last updated (its daily cadence starts at registration). */
        public long engagementUpdatedMicros;
        /** Epoch day of a window start to whether the user was engaged that day (at most ~3 entries). */
        public EngagedDays engagedDays = new EngagedDays();
        /** Modules, levels and milestones. */
        public LearningProgress progress = new LearningProgress();
        /** When the user last received a nudge; {@link Long#MIN_VALUE} if never. */
        public long lastNudgeMicros = Long.MIN_VALUE;
    }

    private static final long[] NO_SESSIONS = new long[0];

    protected State state = new State();
    /** Derived from the user data on first use; null while unresolved or when the user lives on UTC. */
    private LocalCalendar calendar;
    private LocalTime dayBoundaryTime;
    private WeightedChoice<String> contentTypes;
    private WeightedChoice<String> responseActions;

    public SessionEngagementUser(UserIdentity identity, ProfileConfig profile) {
        super(identity, profile);
    }

    /** The current (visible) session engagement level. */
    public double engagement() {
        return state.engagement;
    }

    public State state() {
        return state;
    }

    @Override
    protected void initialize(SimRandom random) {
        state.engagement = Engagement.initialLevel(profile().sessionEngagement(), random);
        state.engagementUpdatedMicros = identity().registrationMicros();
    }

    @Override
    protected void resumeAt(long micros) {
        state.engagementUpdatedMicros = micros;
    }

    @Override
    public boolean isActive() {
        return Engagement.isActive(state.engagement);
    }

    @Override
    protected void forceChurn() {
        state.engagement = Engagement.adjust(state.engagement, -100_000);
    }

    @Override
    protected void apply(StateUpdate update) {
        if (SESSION_ENGAGEMENT.equals(update.name())) {
            state.engagement = Engagement.applyDaily(state.engagement, update.value());
        } else if (ENGAGEMENT_ADJUSTMENT.equals(update.name())) {
            state.engagement = Engagement.adjust(state.engagement, update.value());
        }
    }

    /**
     * The user's local calendar when its profile sets {@code time_zones} (its zone is the user data's
     * {@code timezone}), or null when the user lives on UTC as in the reference.
     */
    protected final LocalCalendar localCalendar() {
        if (calendar == null && profile().usesLocalTime()) {
            calendar = LocalCalendar.of(ZoneId.of(String.valueOf(userData().get("timezone"))));
            dayBoundaryTime = calendar.localDateTime(identity().registrationMicros()).toLocalTime();
        }
        return calendar;
    }

    /**
     * The daily change after the one at {@code boundaryMicros}: 24 hours later on UTC; on a local calendar the local
     * time of registration on the next local day, so 23 or 25 hours later across a daylight saving change.
     */
    protected final long nextDayBoundary(long boundaryMicros) {
        LocalCalendar local = localCalendar();
        return local == null ? boundaryMicros + Micros.PER_DAY : local.nextTimeOfDay(boundaryMicros, dayBoundaryTime);
    }

    @Override
    protected void rescheduleFrom(long micros) {
        long registration = identity().registrationMicros();
        LocalCalendar local = localCalendar();
        long lastBoundary = local != null
                ? Math.max(registration, local.lastTimeOfDayBefore(micros, dayBoundaryTime))
                : registration + Math.max(0, (micros - registration - 1) / Micros.PER_DAY) * Micros.PER_DAY;
        state.engagementUpdatedMicros = Math.min(state.engagementUpdatedMicros, lastBoundary);
    }

    @Override
    public boolean sparedFromPruning(long stepEndMicros) {
        return NudgeRules.nudgedRecently(lastNudgeMicros(), stepEndMicros);
    }

    @Override
    public long lastNudgeMicros() {
        return state.lastNudgeMicros;
    }

    @Override
    public Response receive(Nudge nudge, long atMicros, SimRandom random) {
        boolean online = random.chance(profile().onlineProbability());
        String action = responseAction(random);
        if ("open".equals(action)) {
            state.engagement = Engagement.adjust(state.engagement,
                    Engagement.dailyDelta(profile().nudges().engagementEffect(), random));
        }
        state.lastNudgeMicros = Math.max(state.lastNudgeMicros, atMicros);
        java.util.LinkedHashMap<String, Object> props = new java.util.LinkedHashMap<>();
        props.put("nudge_id", nudge.id());
        props.put("type", nudge.type());
        props.put("response", Props.of("action", action));
        if (!nudge.action().isEmpty()) {
            props.put("resolved_action", nudge.action());
        }
        return new Response(online, Props.wrap(props));
    }

    private String responseAction(SimRandom random) {
        if (responseActions == null) {
            responseActions = WeightedChoice.shared(profile().nudges().responseProbabilities(),
                    "users.profiles." + profile().name() + ".nudges.response_probabilities");
        }
        return responseActions.draw(random);
    }

    /** Whether nudges are on and the user has been registered long enough for nudge checks (reference 3.2.2). */
    protected boolean nudgeChecksDue(Window window) {
        int delay = window.context().global().artificialNudgeMinRegistrationDelayDays();
        return window.context().global().useNudges() && Micros.epochDay(identity().registrationMicros())
                <= Micros.epochDay(window.startMicros() - delay * Micros.PER_DAY);
    }

    /**
     * Nudge checks of a window (reference 3.2.9): at times drawn like session starts, a check of the backend
     * (done by the engine, only near real time) and a fake response to a made-up nudge with a negative id.
     */
    protected void scheduleNudgeChecks(Window window) {
        SimRandom random = window.random();
        var nudges = profile().nudges();
        int checks = random.intInclusive(nudges.checksPerDayMin(), nudges.checksPerDayMax());
        if (checks <= 0) {
            return;
        }
        for (long at : sessionStarts(window, checks)) {
            window.signal(at, NudgeCheck.INSTANCE);
            long id = -(1 + (random.nextLong() & Long.MAX_VALUE) % (Long.MAX_VALUE - 1));
            Nudge fake = new Nudge(id, identity().platformUuid(), at - random.intInclusive(10, 86_399) * Micros.PER_SECOND,
                    "push_notification", Map.of());
            boolean online = random.chance(profile().onlineProbability());
            window.logFake(at, "nudge_response", Block.CORE, online, Props.of("nudge_id", fake.id(), "type", fake.type(),
                    "response", Props.of("action", responseAction(random))));
        }
    }

    @Override
    protected void generate(Window window) {
        applyOverdueEngagementChanges(window);
        boolean nudges = window.context().global().useNudges();
        long[] starts = NO_SESSIONS;
        if (localCalendar() != null) {
            if (isActive()) {
                starts = localSessionStarts(window, nudges);
            }
        } else if (isActive() && engagedToday(window)) {
            int count = sessionCount(window.random());
            if (nudges) {
                count += NudgeRules.bonusSessions(profile().nudges(), state.lastNudgeMicros, window.startMicros());
            }
            if (count > 0) {
                starts = sessionStarts(window, count);
            }
        }
        Sessions sessions = new Sessions(window, starts);
        if (deferSessions(window)) {
            sessions.deferNext();
        } else {
            while (sessions.hasNext()) {
                sessions.next();
            }
            if (isActive() && nudgeChecksDue(window)) {
                scheduleNudgeChecks(window);
            }
            scheduleEngagementChanges(window);
        }
    }

    /**
     * Whether the window's sessions are generated one at a time, each when simulated time reaches it
     * ({@link Window#defer}), so that the user holds one session's events instead of a day's. The events are the
     * same either way; deferring needs that nothing the sessions read changes before they are generated and that
     * nothing is drawn after them but the daily engagement changes - so not with nudges (a nudge changes the
     * engagement at any time, and nudge checks are drawn after the sessions). A subclass that draws more after
     * {@link #generate}, or whose sessions read state that its updates change, returns false.
     */
    protected boolean deferSessions(Window window) {
        return !window.context().global().useNudges();
    }

    /**
     * A window's sessions, generated in order of their start: each starts at its drawn time or when the one
     * before ended, whichever is later, so sessions never overlap. Deferred, each session is generated when time
     * reaches its start - or the window's first engagement change, which is drawn after every session and so
     * needs them all generated - and the engagement changes after the last one.
     */
    private final class Sessions implements Runnable {
        private final Window window;
        private final long[] starts;
        /** The first daily engagement change this window schedules is at or after this time. */
        private final long firstChange;
        private int next;
        private long previousEnd = Long.MIN_VALUE;

        Sessions(Window window, long[] starts) {
            this.window = window;
            this.starts = starts;
            this.firstChange = nextDayBoundary(state.engagementUpdatedMicros);
        }

        boolean hasNext() {
            return next < starts.length;
        }

        void next() {
            previousEnd = session(window, Math.max(starts[next++], previousEnd));
        }

        /** Defers the next session, or schedules the engagement changes when there is none left. */
        void deferNext() {
            if (hasNext()) {
                window.defer(Math.min(Math.max(starts[next], previousEnd), firstChange), this);
            } else {
                scheduleEngagementChanges(window);
            }
        }

        @Override
        public void run() {
            next();
            deferNext();
        }
    }

    /**
     * Day boundaries that fell before this window started (a session of the previous window ran past one)
     * take effect now, before the window is generated.
     */
    protected final void applyOverdueEngagementChanges(Window window) {
        EngagementConfig config = profile().sessionEngagement();
        while (nextDayBoundary(state.engagementUpdatedMicros) < window.startMicros()) {
            state.engagementUpdatedMicros = nextDayBoundary(state.engagementUpdatedMicros);
            state.engagement = Engagement.applyDaily(state.engagement, Engagement.dailyDelta(config, window.random()));
        }
    }

    /** Schedules one engagement change per day boundary up to the window's end (reference 4.2, D6). */
    protected final void scheduleEngagementChanges(Window window) {
        EngagementConfig config = profile().sessionEngagement();
        DailyVariableManager<Window> manager = new DailyVariableManager<>(state.engagementUpdatedMicros) {
            @Override
            public String name() {
                return SESSION_ENGAGEMENT;
            }

            @Override
            protected long nextUpdateAfter(long boundaryMicros) {
                return nextDayBoundary(boundaryMicros);
            }

            @Override
            protected void update(long atMicros, Window w) {
                w.update(atMicros, new StateUpdate(SESSION_ENGAGEMENT, Engagement.dailyDelta(config, w.random())));
            }
        };
        manager.advanceTo(window.endMicros(), window);
        state.engagementUpdatedMicros = manager.lastUpdateMicros();
    }

    /**
     * Whether the user has sessions in the 24 hours starting at the window start (reference 3.2.2); decided
     * once per start date and remembered.
     */
    protected boolean engagedToday(Window window) {
        long day = Micros.epochDay(window.startMicros());
        state.engagedDays.forgetBefore(day - 2);
        return engagedOn(day, Micros.dayOfWeek(window.startMicros()), false, window);
    }

    /**
     * Whether the user has sessions on a day (UTC epoch day, or local epoch day on a local calendar): gated by the
     * weekday's probability, then {@code 0.8 + 0.2 * engagement}, scaled by {@code holiday_activity_factor} on a
     * public holiday. Decided once per day, from the stream of the window that first asks, and remembered.
     *
     * @param dayOfWeek 0 = Monday ... 6 = Sunday
     */
    private boolean engagedOn(long day, int dayOfWeek, boolean holiday, Window window) {
        Boolean known = state.engagedDays.get(day);
        if (known != null) {
            return known;
        }
        SimRandom random = window.random();
        double dayProbability = profile().sessionDayOfWeekProbabilities().get(dayOfWeek);
        boolean engaged;
        if (dayProbability < 1 && random.nextDouble() > dayProbability) {
            engaged = false;
        } else {
            double p = 0.8 + 0.2 * state.engagement;
            engaged = holiday ? random.nextDouble() < p * profile().holidayActivityFactor() : random.nextDouble() <= p;
        }
        state.engagedDays.put(day, engaged);
        return engaged;
    }

    /**
     * The session starts of a window on the user's local calendar: whether the user is engaged is decided for each local
     * date the window touches (in date order); if it is on any, the session count is drawn as on UTC, starts are
     * drawn over the whole window by local hour, and a start on a date the user is not engaged is dropped - so a
     * date's expected sessions do not depend on how the window straddles midnight.
     */
    private long[] localSessionStarts(Window window, boolean nudges) {
        LocalCalendar local = localCalendar();
        LocalDate first = local.date(window.startMicros());
        LocalDate last = local.date(window.endMicros() - 1);
        state.engagedDays.forgetBefore(first.toEpochDay() - 2);
        double factor = profile().holidayActivityFactor();
        String country = String.valueOf(userData().get("country"));
        boolean any = false;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            boolean holiday = factor < 1 && window.context().publicHolidays().isHoliday(country, d);
            any |= engagedOn(d.toEpochDay(), d.getDayOfWeek().getValue() - 1, holiday, window);
        }
        if (!any) {
            return NO_SESSIONS;
        }
        int count = sessionCount(window.random());
        if (nudges) {
            count += NudgeRules.bonusSessions(profile().nudges(), state.lastNudgeMicros, window.startMicros());
        }
        if (count <= 0) {
            return NO_SESSIONS;
        }
        return Arrays.stream(sessionStarts(window, count))
                .filter(start -> state.engagedDays.get(local.date(start).toEpochDay())).toArray();
    }

    /** {@code round(min + (max - min) * U * (1 - f + engagement * f))} with f the count factor (D22). */
    protected int sessionCount(SimRandom random) {
        ProfileConfig p = profile();
        double f = p.sessionEngagementCountFactor();
        double scale = 1 - f + state.engagement * f;
        return (int) Math.rint(p.sessionMinCount() + (p.sessionMaxCount() - p.sessionMinCount()) * random.nextDouble() * scale);
    }

    /**
     * Session start times drawn by hour weight (reference 3.2.4), sorted: by the UTC hour of each hour of the window
     * as in the reference, or, on a local calendar, by the local hour of every instant (see
     * {@link LocalCalendar#hourSlots}).
     */
    protected long[] sessionStarts(Window window, int count) {
        List<Double> hourly = profile().sessionHourlyStartProbabilities();
        LocalCalendar local = localCalendar();
        if (local != null) {
            LocalCalendar.HourSlots slots = local.hourSlots(window.startMicros(), window.endMicros(), hourly);
            if (slots.isEmpty()) {
                return new long[0];
            }
            long[] starts = new long[count];
            for (int i = 0; i < count; i++) {
                starts[i] = slots.draw(window.random());
            }
            Arrays.sort(starts);
            return starts;
        }
        double[] weights = new double[24];
        for (int h = 0; h < 24; h++) {
            weights[h] = hourly.get(Micros.hourOfDay(window.startMicros() + h * Micros.PER_HOUR));
        }
        SimRandom random = window.random();
        long[] starts = new long[count];
        for (int i = 0; i < count; i++) {
            int h = random.weightedIndex(weights);
            starts[i] = window.startMicros() + h * Micros.PER_HOUR + (long) (random.nextDouble() * Micros.PER_HOUR);
        }
        Arrays.sort(starts);
        return starts;
    }

    /** Content duration in seconds: an inclusive draw from the profile's range, scaled by engagement (D12, D22). */
    protected long sessionDurationSeconds(SimRandom random) {
        ProfileConfig p = profile();
        double f = p.sessionEngagementDurationFactor();
        double scale = 1 - f + state.engagement * f;
        long span = (long) p.sessionLengthMaxSeconds() - p.sessionLengthMinSeconds();
        long extra = (long) Math.floor(random.nextDouble() * (span + 1) * scale);
        return p.sessionLengthMinSeconds() + Math.min(span, extra);
    }

    /** One session starting at {@code t0} (reference 3.2.5); returns when it ended. */
    protected long session(Window window, long t0) {
        SimRandom random = window.random();
        ProfileConfig p = profile();
        boolean online = random.chance(p.onlineProbability());
        long duration = sessionDurationSeconds(random);
        boolean mobile = p.productUserType() == ProductUserType.MOBILE;
        long t = t0;
        if (mobile) {
            window.log(t, "app", Block.CORE, online, Props.of("action", "open"));
            t += Micros.seconds(random.between(0.5, 5));
        }
        window.log(t, "identify", Block.CORE, online, Props.of("action", "login"));
        t += Micros.seconds(random.between(2, 5));
        if (mobile && p.backgroundPerMinuteProbability() > 0) {
            List<Long> contentTimes = new ArrayList<>();
            Window recording = window.observed(contentTimes::add);
            t = content(recording, t, duration, online);
            background(window, contentTimes, online);
        } else {
            t = content(window, t, duration, online);
        }
        window.log(t, "identify", Block.CORE, online, Props.of("action", "logout"));
        t += Micros.seconds(random.between(0.5, 5));
        if (mobile) {
            window.log(t, "app", Block.CORE, online, Props.of("action", "close"));
            t += Micros.seconds(random.between(0.5, 5));
        }
        return EventBlocks.rate(scope(window, true), t, window.context().appRatingSubject(), "app");
    }

    /**
     * Content events for {@code durationSeconds} (reference 3.2.5 step 5): blocks of event types drawn from
     * {@code event_probabilities}, separated by 5-29 s. Returns when the last block ended.
     */
    protected long content(Window window, long t, long durationSeconds, boolean online) {
        SimRandom random = window.random();
        long sessionEnd = t + durationSeconds * Micros.PER_SECOND;
        t += Micros.seconds(10 * (0.5 + random.nextDouble()));
        EventBlocks.Scope scope = scope(window, online);
        while (t < sessionEnd) {
            String type = drawContentType(random);
            t = EventBlocks.generate(type, scope, t);
            t += random.intInclusive(5, 29) * Micros.PER_SECOND;
        }
        return t;
    }

    /** The scope in which this user's blocks run. */
    protected EventBlocks.Scope scope(Window window, boolean online) {
        return new EventBlocks.Scope(window, profile(), state.progress, online);
    }

    /**
     * Mobile backgrounding (reference 3.2.6): for every gap of at least a minute between content events,
     * each minute of it may contain a background - resume - login triple.
     */
    private void background(Window window, List<Long> contentTimes, boolean online) {
        if (contentTimes.size() < 2) {
            return;
        }
        SimRandom random = window.random();
        double p = profile().backgroundPerMinuteProbability();
        long lastCheck = contentTimes.get(0);
        for (int i = 1; i < contentTimes.size(); i++) {
            long time = contentTimes.get(i);
            long gapSeconds = Micros.wholeSecondsBetween(lastCheck, time);
            if (gapSeconds < 60) {
                continue;
            }
            long minutes = gapSeconds / 60;
            for (long m = 0; m < minutes; m++) {
                if (random.nextDouble() < p) {
                    long b = lastCheck + (long) (random.nextDouble() * gapSeconds * Micros.PER_SECOND);
                    window.log(b, "app", Block.CORE, online, Props.of("action", "background"));
                    window.log(b + Micros.PER_SECOND, "app", Block.CORE, online, Props.of("action", "resume"));
                    window.log(b + 2 * Micros.PER_SECOND, "identify", Block.CORE, online, Props.of("action", "login"));
                }
            }
            lastCheck = time;
        }
    }

    /** Picks one content event type from {@code event_probabilities}. */
    protected String drawContentType(SimRandom random) {
        if (contentTypes == null) {
            contentTypes = WeightedChoice.shared(profile().eventProbabilities(),
                    "users.profiles." + profile().name() + ".event_probabilities");
        }
        return contentTypes.draw(random);
    }

    @Override
    protected JsonNode saveState(ObjectMapper mapper) {
        return mapper.valueToTree(state);
    }

    @Override
    protected void restoreState(JsonNode node, ObjectMapper mapper) {
        try {
            state = mapper.treeToValue(node, State.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
