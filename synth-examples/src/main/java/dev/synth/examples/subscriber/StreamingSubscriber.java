package dev.synth.examples.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.config.ProfileConfig;
import dev.synth.config.Settings;
import dev.synth.event.Block;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.random.SimRandom;
import dev.synth.user.StateUpdate;
import dev.synth.user.User;
import dev.synth.user.UserIdentity;
import dev.synth.user.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A streaming-service subscriber: a custom kind of user with its own settings and events, made known under
 * {@value #USER_TYPE} by {@link SubscriberTypeProvider} and chosen from YAML with {@code user_type: subscriber}.
 *
 * <p>It reads only its own settings ({@code users.profiles.<name>.settings}, declared with their defaults and
 * rules by {@link SubscriberTypeProvider}): how many viewing sessions a day ({@code sessions_per_day_min/max}),
 * when they start ({@code viewing_hour_weights}), how long an episode is ({@code episode_length_min/max_seconds}),
 * how many episodes a session plays, how often a viewer pauses or walks away, when a subscription lapses, and
 * how the subscriber's interest drifts from day to day ({@code interest_...}).
 *
 * <p>Its events ({@code block} {@code core}):
 * <ul>
 *   <li>{@code subscription} with {@code action} {@code start} (first day), {@code renew} (every 30 days while
 *       interest is at least {@code lapse_below}) or {@code lapse} (otherwise; the user then churns);</li>
 *   <li>{@code play}, {@code pause}, {@code resume}, {@code finish} of an episode ({@code series},
 *       {@code episode}, {@code position_seconds}). A session plays several episodes in a row; an unfinished
 *       episode is played again next time.</li>
 * </ul>
 *
 * <p>The contract it follows (see {@link User}): all randomness comes from {@link Window#random()}, state changes
 * that must happen at a simulated time (the lapse) are scheduled with {@link Window#update}, and the whole state
 * round-trips through {@link #saveState}/{@link #restoreState}, so a resumed run equals an unbroken one. It keeps
 * simulated time as {@link Instant}s and {@link Duration}s; the window's micros methods are the fast path.
 */
public final class StreamingSubscriber extends User {
    /** The {@code user_type} this class is registered under. */
    public static final String USER_TYPE = "subscriber";
    /** The event types it writes. */
    public static final List<String> EVENT_TYPES = List.of("subscription", "play", "pause", "resume", "finish");

    private static final Duration BILLING_PERIOD = Duration.ofDays(30);
    private static final List<String> SERIES = List.of("The Long Orbit", "Bakery Wars", "Cold Case Harbour");

    private final Settings settings;
    private double interest;
    private Instant nextRenewal;
    private int series;
    private int episode = 1;
    private boolean active = true;

    /**
     * Called through the {@link dev.synth.user.UserFactory} {@code StreamingSubscriber::new}.
     *
     * @param identity the user's identity, chosen by the engine
     * @param profile  the user's profile; its settings hold every declared key (defaults filled in)
     */
    public StreamingSubscriber(UserIdentity identity, ProfileConfig profile) {
        super(identity, profile);
        this.settings = profile.settings();
    }

    @Override
    protected void initialize(SimRandom random) {
        interest = random.between(settings.number("interest_initial_min"), settings.number("interest_initial_max"));
        series = random.index(SERIES.size());
    }

    @Override
    protected void generate(Window window) {
        SimRandom random = window.random();
        if (nextRenewal == null) {
            window.log(window.start(), "subscription", Block.CORE, true, Props.of("action", "start", "plan",
                    random.chance(settings.number("premium_probability")) ? "premium" : "basic"));
            nextRenewal = window.start().plus(BILLING_PERIOD);
        }
        driftInterest(random);
        if (nextRenewal.isBefore(window.end())) {
            boolean renew = interest >= settings.number("lapse_below");
            window.log(nextRenewal, "subscription", Block.CORE, true, Props.of("action", renew ? "renew" : "lapse"));
            if (!renew) {
                window.update(nextRenewal, new StateUpdate("lapse", 1));
                return; // no viewing after the subscription lapsed
            }
            nextRenewal = nextRenewal.plus(BILLING_PERIOD);
        }
        if (!random.chance(interest)) {
            return; // not in the mood today
        }
        double[] hourly = settings.numbers("viewing_hour_weights").stream().mapToDouble(Double::doubleValue).toArray();
        int sessions = random.intInclusive(settings.integer("sessions_per_day_min"),
                settings.integer("sessions_per_day_max"));
        Instant t = window.start();
        for (int s = 0; s < sessions; s++) {
            Instant start = window.start().plus(Duration.ofHours(random.weightedIndex(hourly)))
                    .plus(Duration.ofNanos(random.longInclusive(0, Micros.PER_HOUR - 1) * 1000));
            t = watch(window, start.isAfter(t) ? start : t, random.chance(settings.number("online_probability")));
        }
    }

    /** Interest drifts once a day, as the built-in users' engagement does. */
    private void driftInterest(SimRandom random) {
        if (random.chance(settings.number("interest_change_probability"))) {
            double magnitude = random.between(settings.number("interest_change_min"),
                    settings.number("interest_change_max"));
            double boost = settings.number("interest_boost_probability");
            boolean up = random.nextDouble() * (boost + settings.number("interest_decay_probability")) < boost;
            interest = Math.max(0, Math.min(1, interest + (up ? magnitude : -magnitude)));
        }
    }

    /** One viewing session from {@code t}; returns when it ended. */
    private Instant watch(Window window, Instant t, boolean online) {
        SimRandom random = window.random();
        int episodes = random.intInclusive(settings.integer("episodes_per_session_min"),
                settings.integer("episodes_per_session_max"));
        for (int i = 0; i < episodes; i++) {
            String title = SERIES.get(series);
            long length = random.intInclusive(settings.integer("episode_length_min_seconds"),
                    settings.integer("episode_length_max_seconds"));
            window.log(t, "play", Block.CORE, online, episodeProps(title, 0));
            long position = 0;
            if (random.chance(settings.number("pause_probability"))) {
                position = random.longInclusive(1, length - 1);
                t = t.plusSeconds(position);
                window.log(t, "pause", Block.CORE, online, episodeProps(title, position));
                t = t.plusSeconds(random.longInclusive(10, 600));
                if (random.chance(settings.number("walk_away_probability"))) {
                    return t; // walked away; the episode is played again next time
                }
                window.log(t, "resume", Block.CORE, online, episodeProps(title, position));
            }
            t = t.plusSeconds(length - position);
            window.log(t, "finish", Block.CORE, online, episodeProps(title, length));
            if (++episode > settings.integer("episodes_per_series")) {
                episode = 1;
                series = random.index(SERIES.size());
            }
            t = t.plusSeconds(random.longInclusive(5, 30));
        }
        return t;
    }

    private Map<String, Object> episodeProps(String title, long position) {
        return Props.of("series", title, "episode", episode, "position_seconds", position);
    }

    @Override
    protected void apply(StateUpdate update) {
        if (update.name().equals("lapse")) {
            active = false;
        }
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    protected JsonNode saveState(ObjectMapper mapper) {
        return mapper.createObjectNode().put("engagement", interest)
                .put("next_renewal", nextRenewal == null ? -1 : Micros.of(nextRenewal))
                .put("series", series).put("episode", episode).put("active", active);
    }

    @Override
    protected void restoreState(JsonNode state, ObjectMapper mapper) {
        interest = state.path("engagement").asDouble();
        long renewal = state.path("next_renewal").asLong();
        nextRenewal = renewal < 0 ? null : Micros.toInstant(renewal);
        series = state.path("series").asInt();
        episode = state.path("episode").asInt();
        active = state.path("active").asBoolean();
    }
}
