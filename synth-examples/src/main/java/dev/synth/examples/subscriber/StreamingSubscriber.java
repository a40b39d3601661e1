package dev.synth.examples.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.config.EngagementConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.event.Block;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.random.SimRandom;
import dev.synth.user.StateUpdate;
import dev.synth.user.User;
import dev.synth.user.UserIdentity;
import dev.synth.user.Window;
import java.util.List;

/**
 * A streaming-service subscriber: a custom kind of user with its own events, registered under
 * {@value #USER_TYPE} and chosen from YAML with {@code user_type: subscriber}.
 *
 * <p>It reads ordinary profile settings: {@code session_min_count}/{@code session_max_count} are viewing sessions
 * per day, {@code session_length_min_seconds}/{@code _max_seconds} the length of an episode,
 * {@code session_hourly_start_probabilities} when sessions start, {@code online_probability} the {@code ol} flag,
 * and {@code session_engagement} how its interest drifts from day to day.
 *
 * <p>Its events ({@code block} {@code core}):
 * <ul>
 *   <li>{@code subscription} with {@code action} {@code start} (first day), {@code renew} (every 30 days while
 *       engagement is at least {@value #LAPSE_BELOW}) or {@code lapse} (otherwise; the user then churns);</li>
 *   <li>{@code play}, {@code pause}, {@code resume}, {@code finish} of an episode ({@code series},
 *       {@code episode}, {@code position_seconds}). A session plays one to three episodes in a row; an unfinished
 *       episode is played again next time.</li>
 * </ul>
 *
 * <p>The contract it follows (see {@link User}): all randomness comes from {@link Window#random()}, state changes
 * that must happen at a simulated time (the lapse) are scheduled with {@link Window#update}, and the whole state
 * round-trips through {@link #saveState}/{@link #restoreState}, so a resumed run equals an unbroken one.
 */
public final class StreamingSubscriber extends User {
    /** The {@code user_type} this class is registered under. */
    public static final String USER_TYPE = "subscriber";
    /** Engagement below which a subscription lapses at its renewal date. */
    public static final double LAPSE_BELOW = 0.3;

    private static final long BILLING_PERIOD = 30 * Micros.PER_DAY;
    private static final List<String> SERIES = List.of("The Long Orbit", "Bakery Wars", "Cold Case Harbour");

    private double engagement;
    private long nextRenewalMicros = -1;
    private int series;
    private int episode = 1;
    private boolean active = true;

    /**
     * Called through the {@link dev.synth.user.UserFactory} {@code StreamingSubscriber::new}.
     *
     * @param identity the user's identity, chosen by the engine
     * @param profile  the user's profile
     */
    public StreamingSubscriber(UserIdentity identity, ProfileConfig profile) {
        super(identity, profile);
    }

    @Override
    protected void initialize(SimRandom random) {
        EngagementConfig e = profile().sessionEngagement();
        engagement = random.between(e.initialMin(), e.initialMax());
        series = random.index(SERIES.size());
    }

    @Override
    protected void generate(Window window) {
        SimRandom random = window.random();
        ProfileConfig p = profile();
        if (nextRenewalMicros < 0) {
            window.log(window.startMicros(), "subscription", Block.CORE, true,
                    Props.of("action", "start", "plan", random.chance(0.3) ? "premium" : "basic"));
            nextRenewalMicros = window.startMicros() + BILLING_PERIOD;
        }
        // interest drifts once a day, as the built-in users' engagement does
        EngagementConfig drift = p.sessionEngagement();
        if (random.chance(drift.changeProbability())) {
            double magnitude = random.between(drift.changeMin(), drift.changeMax());
            boolean boost = random.nextDouble() * (drift.boostProbability() + drift.decayProbability())
                    < drift.boostProbability();
            engagement = Math.max(0, Math.min(1, engagement + (boost ? magnitude : -magnitude)));
        }
        if (nextRenewalMicros < window.endMicros()) {
            boolean renew = engagement >= LAPSE_BELOW;
            window.log(nextRenewalMicros, "subscription", Block.CORE, true,
                    Props.of("action", renew ? "renew" : "lapse"));
            if (!renew) {
                window.update(nextRenewalMicros, new StateUpdate("lapse", 1));
                return; // no viewing after the subscription lapsed
            }
            nextRenewalMicros += BILLING_PERIOD;
        }
        if (!random.chance(engagement)) {
            return; // not in the mood today
        }
        double[] hourly = p.sessionHourlyStartProbabilities().stream().mapToDouble(Double::doubleValue).toArray();
        int sessions = random.intInclusive(p.sessionMinCount(), p.sessionMaxCount());
        long t = window.startMicros();
        for (int s = 0; s < sessions; s++) {
            long start = window.startMicros() + random.weightedIndex(hourly) * Micros.PER_HOUR
                    + random.longInclusive(0, Micros.PER_HOUR - 1);
            t = watch(window, Math.max(start, t), random.chance(p.onlineProbability()));
        }
    }

    /** One viewing session from {@code t}; returns when it ended. */
    private long watch(Window window, long t, boolean online) {
        SimRandom random = window.random();
        int episodes = random.intInclusive(1, 3);
        for (int i = 0; i < episodes; i++) {
            String title = SERIES.get(series);
            long length = random.intInclusive(profile().sessionLengthMinSeconds(), profile().sessionLengthMaxSeconds());
            window.log(t, "play", Block.CORE, online, episodeProps(title, 0));
            long position = 0;
            if (random.chance(0.3)) {
                position = random.longInclusive(1, length - 1);
                t += position * Micros.PER_SECOND;
                window.log(t, "pause", Block.CORE, online, episodeProps(title, position));
                t += random.longInclusive(10, 600) * Micros.PER_SECOND;
                if (random.chance(0.2)) {
                    return t; // walked away; the episode is played again next time
                }
                window.log(t, "resume", Block.CORE, online, episodeProps(title, position));
            }
            t += (length - position) * Micros.PER_SECOND;
            window.log(t, "finish", Block.CORE, online, episodeProps(title, length));
            if (++episode > 8) {
                episode = 1;
                series = random.index(SERIES.size());
            }
            t += random.longInclusive(5, 30) * Micros.PER_SECOND;
        }
        return t;
    }

    private java.util.Map<String, Object> episodeProps(String title, long position) {
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
        return mapper.createObjectNode().put("engagement", engagement).put("next_renewal", nextRenewalMicros)
                .put("series", series).put("episode", episode).put("active", active);
    }

    @Override
    protected void restoreState(JsonNode state, ObjectMapper mapper) {
        engagement = state.path("engagement").asDouble();
        nextRenewalMicros = state.path("next_renewal").asLong();
        series = state.path("series").asInt();
        episode = state.path("episode").asInt();
        active = state.path("active").asBoolean();
    }
}
