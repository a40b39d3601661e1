package dev.synth.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How a profile's users are checked for nudges and respond to them ({@code nudges}, reference 2.7). Only used
 * when {@link GlobalConfig#useNudges()} is on.
 *
 * <p>When a profile sets {@code response_probabilities}, the map replaces the inherited one as a whole; every
 * other key merges field by field.
 *
 * @param checksPerDayMin        fewest nudge checks per daily window; default 1
 * @param checksPerDayMax        most nudge checks per daily window (inclusive, D12); default 1
 * @param bonusSessionCount      extra sessions per day while a received nudge is recent; default 1
 * @param bonusSessionDays       whole days after the last received nudge during which the bonus applies; default 1
 * @param responseProbabilities  relative weights of the response actions {@code open}, {@code discard},
 *                               {@code block}; default {open: 1, discard: 1, block: 1}
 * @param engagementEffect       change applied to session engagement when a nudge is opened; default
 *                               {@link EngagementConfig#defaults()}
 */
public record NudgeConfig(
        int checksPerDayMin,
        int checksPerDayMax,
        int bonusSessionCount,
        int bonusSessionDays,
        Map<String, Double> responseProbabilities,
        EngagementConfig engagementEffect) {

    /** The response actions a nudge can get: the allowed keys of {@link #responseProbabilities()}. */
    public static final Set<String> RESPONSE_ACTIONS = Set.of("open", "discard", "block");

    private static final NudgeConfig DEFAULTS = new NudgeConfig(1, 1, 1, 1, defaultResponseProbabilities(),
            EngagementConfig.defaults());

    public NudgeConfig {
        responseProbabilities = ConfigValues.orderedCopy(responseProbabilities, "responseProbabilities");
        Objects.requireNonNull(engagementEffect, "engagementEffect");
    }

    private static Map<String, Double> defaultResponseProbabilities() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("open", 1.0);
        m.put("discard", 1.0);
        m.put("block", 1.0);
        return m;
    }

    /** All defaults. */
    public static NudgeConfig defaults() {
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

    /** Builds a {@link NudgeConfig}; not thread-safe. */
    public static final class Builder {
        private int checksPerDayMin;
        private int checksPerDayMax;
        private int bonusSessionCount;
        private int bonusSessionDays;
        private Map<String, Double> responseProbabilities;
        private EngagementConfig engagementEffect;

        private Builder(NudgeConfig c) {
            checksPerDayMin = c.checksPerDayMin;
            checksPerDayMax = c.checksPerDayMax;
            bonusSessionCount = c.bonusSessionCount;
            bonusSessionDays = c.bonusSessionDays;
            responseProbabilities = new LinkedHashMap<>(c.responseProbabilities);
            engagementEffect = c.engagementEffect;
        }

        public Builder checksPerDayMin(int value) {
            checksPerDayMin = value;
            return this;
        }

        public Builder checksPerDayMax(int value) {
            checksPerDayMax = value;
            return this;
        }

        /** Sets both {@code checksPerDayMin} and {@code checksPerDayMax}. */
        public Builder checksPerDay(int min, int max) {
            return checksPerDayMin(min).checksPerDayMax(max);
        }

        public Builder bonusSessionCount(int value) {
            bonusSessionCount = value;
            return this;
        }

        public Builder bonusSessionDays(int value) {
            bonusSessionDays = value;
            return this;
        }

        /** Replaces all response weights (like the YAML key does). */
        public Builder responseProbabilities(Map<String, Double> weights) {
            responseProbabilities = ConfigValues.stableCopy(weights, "responseProbabilities");
            return this;
        }

        public Builder engagementEffect(EngagementConfig value) {
            engagementEffect = Objects.requireNonNull(value, "engagementEffect");
            return this;
        }

        /** Changes the current engagement effect. */
        public Builder engagementEffect(UnaryOperator<EngagementConfig.Builder> change) {
            return engagementEffect(change.apply(engagementEffect.toBuilder()).build());
        }

        public NudgeConfig build() {
            return new NudgeConfig(checksPerDayMin, checksPerDayMax, bonusSessionCount, bonusSessionDays,
                    responseProbabilities, engagementEffect);
        }
    }
}
