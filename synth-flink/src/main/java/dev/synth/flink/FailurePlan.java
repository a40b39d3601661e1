package dev.synth.flink;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures injected into the shard function to exercise fault tolerance: while the task's attempt number is
 * below {@code failures}, each tick fails with {@code probability} after its events were emitted and its state
 * updated (a hash of the seed, the tick and the attempt decides), so Flink must roll both back. Every restart
 * raises the attempt number, so a run fails at most {@code failures} times. {@link #none()} never fails.
 */
record FailurePlan(int failures, double probability, long seed) implements Serializable {
    /** Injected failures in this JVM, for tests. */
    static final AtomicInteger INJECTED = new AtomicInteger();

    FailurePlan {
        if (failures < 0 || !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("failures must be >= 0 and probability in [0, 1], were " + failures
                    + " and " + probability);
        }
    }

    static FailurePlan none() {
        return new FailurePlan(0, 0, 0);
    }

    void maybeFail(Tick tick, int attempt) {
        if (attempt >= failures || probability <= 0) {
            return;
        }
        long h = seed ^ (tick.shard * 0x9E3779B97F4A7C15L) ^ (tick.timeMicros * 0xC2B2AE3D27D4EB4FL)
                ^ ((long) attempt * 0x165667B19E3779F9L);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        if ((h >>> 11) * 0x1.0p-53 < probability) {
            INJECTED.incrementAndGet();
            throw new InjectedFailure("injected failure in attempt " + attempt + " at " + tick);
        }
    }

    /** The exception {@link #maybeFail} throws. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }
}
