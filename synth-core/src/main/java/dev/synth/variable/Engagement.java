package dev.synth.variable;

import dev.synth.config.EngagementConfig;
import dev.synth.random.SimRandom;

/**
 * The arithmetic of a hidden engagement level in [0, 1] (reference 4.2): its initial draw, the random daily
 * change, and how a change is applied. Stateless.
 */
public final class Engagement {
    /** A level below this counts as churned (the reference's threshold, stated explicitly: 10.1#33). */
    public static final double ACTIVE_THRESHOLD = 1e-4;

    private Engagement() {
    }

    /** Initial level {@code U(initial_min, initial_max)}. */
    public static double initialLevel(EngagementConfig config, SimRandom random) {
        return random.between(config.initialMin(), config.initialMax());
    }

    /**
     * The change of one day: 0 unless {@code U < change_probability}; otherwise up or down (weighted by
     * boost and decay probability) by {@code U(change_min, change_max)}.
     */
    public static double dailyDelta(EngagementConfig config, SimRandom random) {
        if (!random.chance(config.changeProbability())) {
            return 0.0;
        }
        double boost = config.boostProbability();
        double decay = config.decayProbability();
        boolean up;
        if (boost + decay <= 0) {
            return 0.0;
        }
        up = random.nextDouble() * (boost + decay) < boost;
        double magnitude = random.between(config.changeMin(), config.changeMax());
        return up ? magnitude : -magnitude;
    }

    /** A daily change: a churned level stays exactly 0; otherwise the level moves and is clamped to [0, 1]. */
    public static double applyDaily(double level, double delta) {
        if (level < ACTIVE_THRESHOLD) {
            return 0.0;
        }
        return clamp(level + delta);
    }

    /** An immediate change (nudge, resurrection, forced churn): clamped to [0, 1]. */
    public static double adjust(double level, double delta) {
        return clamp(level + delta);
    }

    /** Whether a user with this level is still active (above {@link #ACTIVE_THRESHOLD}). */
    public static boolean isActive(double level) {
        return level > ACTIVE_THRESHOLD;
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
