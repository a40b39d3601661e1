package dev.synth.config;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Behaviour settings of a profile ({@code behaviour}, reference 2.8). Nested sections merge field by field when a
 * profile inherits from {@code default}.
 *
 * @param normalEventProbability purchase users: chance that a session contains normal content events (pages,
 *                               media...) before the shopping flow; default 0.0
 * @param schedule               timing settings; default {@link ScheduleConfig#defaults()}
 * @param purchase               shopping settings; default {@link PurchaseBehaviourConfig#defaults()}
 */
public record BehaviourConfig(double normalEventProbability, ScheduleConfig schedule,
        PurchaseBehaviourConfig purchase) {

    private static final BehaviourConfig DEFAULTS = new BehaviourConfig(0.0, ScheduleConfig.defaults(),
            PurchaseBehaviourConfig.defaults());

    public BehaviourConfig {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(purchase, "purchase");
    }

    /** All defaults. */
    public static BehaviourConfig defaults() {
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

    /** Builds a {@link BehaviourConfig}; not thread-safe. */
    public static final class Builder {
        private double normalEventProbability;
        private ScheduleConfig schedule;
        private PurchaseBehaviourConfig purchase;

        private Builder(BehaviourConfig c) {
            normalEventProbability = c.normalEventProbability;
            schedule = c.schedule;
            purchase = c.purchase;
        }

        public Builder normalEventProbability(double value) {
            normalEventProbability = value;
            return this;
        }

        public Builder schedule(ScheduleConfig value) {
            schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        public Builder purchase(PurchaseBehaviourConfig value) {
            purchase = Objects.requireNonNull(value, "purchase");
            return this;
        }

        /** Changes the current purchase settings. */
        public Builder purchase(UnaryOperator<PurchaseBehaviourConfig.Builder> change) {
            return purchase(change.apply(purchase.toBuilder()).build());
        }

        public BehaviourConfig build() {
            return new BehaviourConfig(normalEventProbability, schedule, purchase);
        }
    }
}
