package dev.synth.user;

import dev.synth.event.Block;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import java.util.Arrays;

/**
 * A user's generated window, held compactly between steps: times and sequences in primitive arrays, and a
 * log event of the user as one small object with its property array, instead of an item, an event and a map
 * per entry (a session user holds a whole day, some 60 events, between steps). Items are materialised again
 * when released. Not thread-safe.
 */
final class CompactSchedule {
    /** A log event of the schedule's own user, without its user and device ids, time and sort key. */
    private record PackedLog(String type, Block block, boolean online, int up, int dn, Object[] props,
            boolean fake) {
    }

    private final UserIdentity user;
    private long[] times = new long[0];
    private long[] sequences = new long[0];
    private Object[] items = new Object[0];
    private int size;

    CompactSchedule(UserIdentity user) {
        this.user = user;
    }

    int size() {
        return size;
    }

    long timeAt(int i) {
        return times[i];
    }

    void add(Scheduled item) {
        if (size == times.length) {
            int capacity = Math.max(16, size * 2);
            times = Arrays.copyOf(times, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
            items = Arrays.copyOf(items, capacity);
        }
        times[size] = item.timeMicros();
        sequences[size] = item.sequence();
        items[size] = pack(item);
        size++;
    }

    private Object pack(Scheduled item) {
        if (item instanceof Scheduled.Log log && log.actor() == user.ordinal()) {
            LogEvent e = log.event();
            Object[] kv = Props.keysAndValues(e.props());
            if (kv != null && e.userId().equals(user.platformUuid()) && e.deviceId().equals(user.deviceId())
                    && e.timeMicros() == log.timeMicros()) {
                return new PackedLog(e.type(), e.block(), e.online(), e.up(), e.dn(), kv, e.fake());
            }
        }
        return item;
    }

    /** The item at {@code i}, as it was added. */
    Scheduled get(int i) {
        Object item = items[i];
        if (item instanceof PackedLog p) {
            long time = times[i];
            return new Scheduled.Log(time, user.ordinal(), sequences[i], new LogEvent(user.platformUuid(),
                    user.deviceId(), time, p.online(), p.type(), p.block(), Props.overKeysAndValues(p.props()),
                    p.up(), p.dn(), p.fake()));
        }
        return (Scheduled) item;
    }

    /** The item at {@code i}, which is then dropped from the schedule (its memory is freed as time passes). */
    Scheduled take(int i) {
        Scheduled item = get(i);
        items[i] = null;
        return item;
    }

    /**
     * Sorts into release order: by time, then by sequence. Sequences grow in the order items are added, so this
     * is a stable sort by time, done on packed primitive keys (time offset, position) where they fit.
     */
    void sort() {
        int n = size;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean increasing = true;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, times[i]);
            max = Math.max(max, times[i]);
            increasing &= i == 0 || sequences[i] > sequences[i - 1];
        }
        int[] order = new int[n];
        if (increasing && n < (1 << 20) && n > 0 && max - min < (1L << 42)) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = ((times[i] - min) << 20) | i;
            }
            Arrays.sort(keys);
            for (int i = 0; i < n; i++) {
                order[i] = (int) (keys[i] & ((1 << 20) - 1));
            }
        } else {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> {
                int c = Long.compare(times[a], times[b]);
                return c != 0 ? c : Long.compare(sequences[a], sequences[b]);
            });
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
        }
        long[] t = new long[n];
        long[] s = new long[n];
        Object[] it = new Object[n];
        for (int i = 0; i < n; i++) {
            t[i] = times[order[i]];
            s[i] = sequences[order[i]];
            it[i] = items[order[i]];
        }
        times = t;
        sequences = s;
        items = it;
    }

    /** Empties the schedule and lets go of its arrays. */
    void clear() {
        times = new long[0];
        sequences = new long[0];
        items = new Object[0];
        size = 0;
    }
}
