package dev.synth.random;

/**
 * Derives independent random streams from one master seed (DECISIONS D1, D2). A stream is identified by
 * the master seed and a short list of keys - typically (purpose, user ordinal, counter) - mixed with
 * SplitMix64's finaliser, so adding a user or a draw in one stream never shifts any other stream, and a run
 * split into parts draws exactly what an unbroken run draws.
 *
 * <p>Immutable and thread-safe; the streams it returns are not.
 */
public final class RandomStreams {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A new stream for the given keys; the same keys always give the same stream. */
    public SimRandom stream(long... keys) {
        return new SimRandom(derive(keys));
    }

    /** A 64-bit seed for the given keys, for libraries that take a seed rather than a stream. */
    public long derive(long... keys) {
        long h = mix(seed + GOLDEN);
        for (long key : keys) {
            h = mix(h ^ mix(key + GOLDEN));
            h += GOLDEN;
        }
        return mix(h);
    }

    /** Stable 64-bit key for a string (FNV-1a then mixed), for keying streams by names. */
    public static long key(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
