package dev.synth.config;

/**
 * Size and dynamics of the simulated population ({@code users.population}, reference 2.4 and 4.3).
 *
 * @param initialCount                    users created on the first run, and the population's starting value;
 *                                        default 0
 * @param targetMinCount                  lower reference bound of the population's daily random walk; default 100
 * @param targetMaxCount                  upper reference bound; when it is not above {@code targetMinCount} the
 *                                        population is pinned to {@code targetMinCount}; default 300
 * @param volatility                      scale of daily population changes, in [0, 1]; default 0.05
 * @param resurrectionProbability         chance per maintenance check that one inactive user is revived;
 *                                        default 0.0
 * @param inactiveNudgeCheckRatioPerHour  fraction of inactive users polled for nudges per hour (online, with
 *                                        nudges on); default 0.0
 * @param pruneOldestRegisteredUsers      churn the earliest-registered user when the population exceeds
 *                                        {@code targetMaxCount * (1 + volatility)}; default false
 */
public record PopulationConfig(
        int initialCount,
        int targetMinCount,
        int targetMaxCount,
        double volatility,
        double resurrectionProbability,
        double inactiveNudgeCheckRatioPerHour,
        boolean pruneOldestRegisteredUsers) {

    private static final PopulationConfig DEFAULTS = new PopulationConfig(0, 100, 300, 0.05, 0.0, 0.0, false);

    /** All defaults. */
    public static PopulationConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /**
     * The share of shard {@code shard} of {@code shards} ({@code global.shards}): each count {@code n}
     * ({@code initial_count}, {@code target_min_count}, {@code target_max_count}) is split as evenly as
     * possible, the first {@code n mod shards} shards getting one more: shard {@code k} gets
     * {@code n / shards + (k < n mod shards ? 1 : 0)}, so the shares add up to {@code n}. The other settings
     * are the same for every shard. One shard gets everything.
     */
    public PopulationConfig forShard(int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards);
        }
        if (shards == 1) {
            return this;
        }
        return toBuilder().initialCount(share(initialCount, shard, shards))
                .targetMinCount(share(targetMinCount, shard, shards))
                .targetMaxCount(share(targetMaxCount, shard, shards)).build();
    }

    private static int share(int n, int shard, int shards) {
        return n / shards + (shard < n % shards ? 1 : 0);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link PopulationConfig}; not thread-safe. */
    public static final class Builder {
        private int initialCount;
        private int targetMinCount;
        private int targetMaxCount;
        private double volatility;
        private double resurrectionProbability;
        private double inactiveNudgeCheckRatioPerHour;
        private boolean pruneOldestRegisteredUsers;

        private Builder(PopulationConfig c) {
            initialCount = c.initialCount;
            targetMinCount = c.targetMinCount;
            targetMaxCount = c.targetMaxCount;
            volatility = c.volatility;
            resurrectionProbability = c.resurrectionProbability;
            inactiveNudgeCheckRatioPerHour = c.inactiveNudgeCheckRatioPerHour;
            pruneOldestRegisteredUsers = c.pruneOldestRegisteredUsers;
        }

        public Builder initialCount(int value) {
            initialCount = value;
            return this;
        }

        public Builder targetMinCount(int value) {
            targetMinCount = value;
            return this;
        }

        public Builder targetMaxCount(int value) {
            targetMaxCount = value;
            return this;
        }

        public Builder volatility(double value) {
            volatility = value;
            return this;
        }

        public Builder resurrectionProbability(double value) {
            resurrectionProbability = value;
            return this;
        }

        public Builder inactiveNudgeCheckRatioPerHour(double value) {
            inactiveNudgeCheckRatioPerHour = value;
            return this;
        }

        public Builder pruneOldestRegisteredUsers(boolean value) {
            pruneOldestRegisteredUsers = value;
            return this;
        }

        public PopulationConfig build() {
            return new PopulationConfig(initialCount, targetMinCount, targetMaxCount, volatility,
                    resurrectionProbability, inactiveNudgeCheckRatioPerHour, pruneOldestRegisteredUsers);
        }
    }
}
