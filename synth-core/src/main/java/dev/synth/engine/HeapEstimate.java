package dev.synth.engine;

import dev.synth.config.PopulationConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import java.util.Locale;

/**
 * A rough estimate of the heap a population needs, so that a run too large for its JVM is told so at the start
 * instead of failing with {@link OutOfMemoryError} minutes later (issue 13). Figures from {@code bench} on the
 * development machine (2026-11-30, sessions generated one at a time, busy steps written in slices): about 1.3 KB
 * of live heap per session user between steps with a database state store and 2.2 KB with the in-memory store
 * (which keeps every user's record), taken as 1.5 and 2.5 KB per session or event-per-period user, plus the steps
 * in flight (about 3 events of 200 bytes per user at the busiest hour, up to four steps or, written in slices,
 * at most about 256 MB) and 128 MB for catalogs and the engine; with nudges and for shoppers a user's whole day is
 * generated ahead and each step is written whole: 8 KB per user with nudges, 40 KB per purchase user, steps
 * included. A run is refused only when the JVM has less than half of the estimate.
 *
 * @param users the most users the run holds at once: {@code max(initial_count, target_max_count * (1 +
 *              volatility))}
 * @param bytes the estimated heap, in bytes
 */
public record HeapEstimate(long users, long bytes) {
    static final long BASE = 128L << 20;
    static final long IN_FLIGHT_PER_USER = 2400;
    static final long IN_FLIGHT_SLICED = 256L << 20;
    static final long PER_USER = 1536;
    static final long PER_USER_RECORDS_ON_HEAP = 2560;
    static final long PER_USER_WITH_NUDGES = 8L << 10;
    static final long PER_SHOPPER = 40L << 10;

    /** The estimate for {@code config}'s population and profiles, with the state in a database. */
    public static HeapEstimate of(SimulationConfig config) {
        return of(config, false);
    }

    /**
     * The estimate for {@code config}'s population and profiles; {@code recordsOnHeap}: the state store keeps the
     * users' records on the heap ({@link dev.synth.spi.InMemoryStateStore}).
     */
    public static HeapEstimate of(SimulationConfig config, boolean recordsOnHeap) {
        PopulationConfig p = config.population();
        long peak = Math.max(p.initialCount(), (long) Math.ceil(Math.max(p.targetMinCount(), p.targetMaxCount())
                * (1 + p.volatility())));
        double weights = 0;
        double perUser = 0;
        long sessionUser = config.global().useNudges() ? PER_USER_WITH_NUDGES
                : recordsOnHeap ? PER_USER_RECORDS_ON_HEAP : PER_USER;
        for (ProfileConfig profile : config.profiles().values()) {
            double w = profile.occurrenceProbability();
            weights += w;
            perUser += w * ("purchase_engagement".equals(profile.userType()) ? PER_SHOPPER : sessionUser);
        }
        long each = weights > 0 ? Math.round(perUser / weights) : sessionUser;
        long inFlight = each == PER_USER || each == PER_USER_RECORDS_ON_HEAP
                ? Math.min(peak * IN_FLIGHT_PER_USER, IN_FLIGHT_SLICED) : 0;
        return new HeapEstimate(peak, BASE + peak * each + inFlight);
    }

    /** E.g. {@code 19.2 GB}. */
    public static String format(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb >= 1024 ? String.format(Locale.ROOT, "%.1f GB", mb / 1024) : String.format(Locale.ROOT, "%.0f MB", mb);
    }

    /**
     * Why {@code maxHeap} is too small for this estimate, with what to do, or null when it fits. {@code severe}:
     * more than twice the heap, which cannot work.
     */
    public String problem(long maxHeap) {
        if (bytes <= maxHeap) {
            return null;
        }
        long suggested = (long) Math.ceil(bytes * 1.25 / (1L << 30));
        return "a population of up to " + users + " users needs about " + format(bytes) + " of heap, but the JVM"
                + " may use " + format(maxHeap) + ": give it more (java -Xmx" + Math.max(1, suggested) + "g ...) or"
                + " lower users.population.initial_count / target_max_count";
    }

    /** Whether {@code maxHeap} is less than half the estimate: the run would certainly run out of memory. */
    public boolean hopeless(long maxHeap) {
        return bytes > 2 * maxHeap;
    }
}
