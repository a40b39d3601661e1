package dev.synth.random;

import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * A seeded random stream with the draws the model needs. The algorithm is pinned (xoshiro256++ from
 * commons-rng, seeded through SplitMix64) so that the same seed gives the same sequence on every JVM and
 * every release; a golden test fails if that ever changes.
 *
 * <p>Not thread-safe: each user and each purpose gets its own stream from {@link RandomStreams}.
 */
public final class SimRandom implements RandomGenerator {
    private final XoShiRo256PlusPlus source;

    SimRandom(long seed) {
        this.source = new XoShiRo256PlusPlus(new long[] {seed});
    }

    @Override
    public long nextLong() {
        return source.nextLong();
    }

    @Override
    public double nextDouble() {
        return (source.nextLong() >>> 11) * 0x1.0p-53;
    }

    /** {@code true} with probability {@code p}: a uniform draw in [0,1) is below {@code p}. */
    public boolean chance(double p) {
        return nextDouble() < p;
    }

    /** A uniform double {@code min + U * (max - min)}. */
    public double between(double min, double max) {
        return min + nextDouble() * (max - min);
    }

    /** A uniform integer in the inclusive range {@code [min, max]}; {@code min} when {@code max <= min} (D12). */
    public int intInclusive(int min, int max) {
        if (max <= min) {
            return min;
        }
        return min + (int) nextLong((long) max - min + 1);
    }

    /** A uniform long in the inclusive range {@code [min, max]}; {@code min} when {@code max <= min}. */
    public long longInclusive(long min, long max) {
        if (max <= min) {
            return min;
        }
        return min + nextLong(max - min + 1);
    }

    /** A uniform index in {@code [0, size)}. */
    public int index(int size) {
        return nextInt(size);
    }

    /** A uniformly chosen element of a non-empty list. */
    public <T> T pick(List<T> values) {
        return values.get(nextInt(values.size()));
    }

    /**
     * Index chosen with probability proportional to {@code weights[i]}. The weights must be non-negative
     * with a positive sum (configuration validation guarantees it).
     */
    public int weightedIndex(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = nextDouble() * total;
        double running = 0;
        int last = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] <= 0) {
                continue;
            }
            running += weights[i];
            last = i;
            if (target < running) {
                return i;
            }
        }
        if (last < 0) {
            throw new IllegalArgumentException("all weights are zero");
        }
        return last;
    }

    /** A version-4 UUID built from this stream (never from OS entropy, D1). */
    public UUID uuid() {
        long msb = (nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Shuffles {@code list} in place (Fisher-Yates). */
    public <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
