package dev.synth.catalog;

import dev.synth.random.SimRandom;

/**
 * Draws k distinct indices out of [0, n) in random order, in O(k) time and memory when k is small against n
 * (rejection sampling with a small set), and by a partial Fisher-Yates shuffle of an index array when k is more
 * than half of n (then O(n) = O(k)). Either way every ordered sample of k distinct indices is equally likely, as
 * with sequential sampling without replacement. The method used depends only on (n, k), so the draws stay a pure
 * function of the caller's stream.
 */
final class DistinctSampler {
    private static final int LINEAR_SCAN_LIMIT = 8;

    private DistinctSampler() {}

    /** {@code min(k, n)} distinct indices in [0, n), in random order. */
    static int[] sample(int n, int k, SimRandom rnd) {
        int m = Math.min(k, n);
        if (m <= 0) {
            return new int[0];
        }
        if ((long) m * 2 > n) {
            return partialShuffle(n, m, rnd);
        }
        return m <= LINEAR_SCAN_LIMIT ? rejectLinear(n, m, rnd) : rejectHashed(n, m, rnd);
    }

    private static int[] partialShuffle(int n, int m, SimRandom rnd) {
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + rnd.index(n - i);
            int tmp = pool[i];
            pool[i] = pool[j];
            pool[j] = tmp;
        }
        if (m == n) {
            return pool;
        }
        int[] out = new int[m];
        System.arraycopy(pool, 0, out, 0, m);
        return out;
    }

    private static int[] rejectLinear(int n, int m, SimRandom rnd) {
        int[] out = new int[m];
        int size = 0;
        while (size < m) {
            int candidate = rnd.index(n);
            boolean seen = false;
            for (int i = 0; i < size; i++) {
                if (out[i] == candidate) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                out[size++] = candidate;
            }
        }
        return out;
    }

    private static int[] rejectHashed(int n, int m, SimRandom rnd) {
        int capacity = Integer.highestOneBit(m * 4 - 1) << 1; // power of two >= 4m: load factor <= 1/4
        int mask = capacity - 1;
        int[] table = new int[capacity]; // stores index + 1; 0 = empty
        int[] out = new int[m];
        int size = 0;
        while (size < m) {
            int candidate = rnd.index(n);
            int slot = (candidate * 0x9E3779B9) >>> 1 & mask;
            boolean seen = false;
            while (table[slot] != 0) {
                if (table[slot] == candidate + 1) {
                    seen = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (!seen) {
                table[slot] = candidate + 1;
                out[size++] = candidate;
            }
        }
        return out;
    }
}
