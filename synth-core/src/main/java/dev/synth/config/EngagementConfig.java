package dev.synth.config;

/**
 * How an engagement level starts and drifts from day to day ({@code session_engagement},
 * {@code purchase_engagement} and {@code nudges.engagement_effect}; reference 2.6 and 4.2).
 *
 * <p>A level lies in [0, 1]. It starts at a uniform draw from {@code [initialMin, initialMax]}. Each day it changes
 * with probability {@code changeProbability}; the change goes up or down with the relative weights
 * {@code boostProbability} and {@code decayProbability}, by a magnitude drawn from {@code [changeMin, changeMax]}.
 * For {@code nudges.engagement_effect} the {@code initial*} values are not used.
 *
 * <p>Range checks are done by {@link SimulationConfig#validate()}, not by the constructor.
 *
 * @param initialMin        lowest initial level; default 0.0
 * @param initialMax        highest initial level; default 1.0
 * @param changeProbability daily probability that the level changes at all; default 0.0
 * @param boostProbability  relative weight of an increase when the level changes; default 0.25
 * @param decayProbability  relative weight of a decrease when the level changes; default 0.75
 * @param changeMin         smallest magnitude of a change; default 1.0
 * @param changeMax         largest magnitude of a change; default 1.0
 */
public record EngagementConfig(
        double initialMin,
        double initialMax,
        double changeProbability,
        double boostProbability,
        double decayProbability,
        double changeMin,
        double changeMax) {

    private static final EngagementConfig DEFAULTS = new EngagementConfig(0.0, 1.0, 0.0, 0.25, 0.75, 1.0, 1.0);

    /** All defaults: initial level in [0, 1], never changes. */
    public static EngagementConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds an {@link EngagementConfig}; not thread-safe. */
    public static final class Builder {
        private double initialMin;
        private double initialMax;
        private double changeProbability;
        private double boostProbability;
        private double decayProbability;
        private double changeMin;
        private double changeMax;

        private Builder(EngagementConfig c) {
            initialMin = c.initialMin;
            initialMax = c.initialMax;
            changeProbability = c.changeProbability;
            boostProbability = c.boostProbability;
            decayProbability = c.decayProbability;
            changeMin = c.changeMin;
            changeMax = c.changeMax;
        }

        public Builder initialMin(double value) {
            initialMin = value;
            return this;
        }

        public Builder initialMax(double value) {
            initialMax = value;
            return this;
        }

        /** Sets both {@code initialMin} and {@code initialMax}. */
        public Builder initial(double min, double max) {
            return initialMin(min).initialMax(max);
        }

        public Builder changeProbability(double value) {
            changeProbability = value;
            return this;
        }

        public Builder boostProbability(double value) {
            boostProbability = value;
            return this;
        }

        public Builder decayProbability(double value) {
            decayProbability = value;
            return this;
        }

        public Builder changeMin(double value) {
            changeMin = value;
            return this;
        }

        public Builder changeMax(double value) {
            changeMax = value;
            return this;
        }

        /** Sets both {@code changeMin} and {@code changeMax}. */
        public Builder change(double min, double max) {
            return changeMin(min).changeMax(max);
        }

        public EngagementConfig build() {
            return new EngagementConfig(initialMin, initialMax, changeProbability, boostProbability,
                    decayProbability, changeMin, changeMax);
        }
    }
}
