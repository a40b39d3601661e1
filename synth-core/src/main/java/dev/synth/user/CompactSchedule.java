package dev.synth.user;

import dev.synth.event.Block;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a user has generated and not yet released, in release order (time, then sequence): times and sequences in
 * primitive arrays, the items beside them. Items are added unsorted and put in order by {@link #settle}; released
 * items are taken from the head. A window generated whole (some 60 events for a session user, a few hundred for a
 * shopper) can be {@linkplain #settle(boolean) packed}: each log event of the user kept as one small object with
 * its property array (about 70 bytes instead of about 200 as an item, an event and a map), materialised again when
 * released. Not thread-safe.
 */
final class CompactSchedule {
    private static final long[] NO_LONGS = new long[0];
    private static final Object[] NO_ITEMS = new Object[0];
    /** Settled schedules at least this long are packed when asked; shorter ones are not worth the CPU. */
    private static final int PACK_FROM = 32;

    /** A log event of the schedule's own user, without its user and device ids, time and sort key. */
    private record PackedLog(String type, Block block, boolean online, int up, int dn, Object[] props,
            boolean fake) {
    }

    private final UserIdentity user;
    private long[] times = NO_LONGS;
    private long[] sequences = NO_LONGS;
    private Object[] items = NO_ITEMS;
    /** The first item not yet released. */
    private int head;
    private int size;

    CompactSchedule(UserIdentity user) {
        this.user = user;
    }

    /** Whether the first unreleased item is due before {@code micros} (meaningful once settled). */
    boolean hasDueBefore(long micros) {
        return head < size && times[head] < micros;
    }

    /** The time of the first unreleased item (once settled); {@link Long#MAX_VALUE} when there is none. */
    long firstTime() {
        return head < size ? times[head] : Long.MAX_VALUE;
    }

    boolean isEmpty() {
        return head == size;
    }

    /** Adds an item; {@link #settle} puts it in its place. */
    void add(Scheduled item) {
        if (size == times.length) {
            int capacity = Math.max(8, size * 2);
            times = Arrays.copyOf(times, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
            items = Arrays.copyOf(items, capacity);
        }
        times[size] = item.timeMicros();
        sequences[size] = item.sequence();
        items[size] = item;
        size++;
    }

    /** The first unreleased item, which is then dropped from the schedule. */
    Scheduled take() {
        Object item = items[head];
        items[head] = null;
        long time = times[head];
        long sequence = sequences[head];
        head++;
        if (head == size) {
            clear(); // a user holds nothing between its sessions
        }
        if (item instanceof PackedLog p) {
            return new Scheduled.Log(time, user.ordinal(), sequence, new LogEvent(user.platformUuid(),
                    user.deviceId(), time, p.online(), p.type(), p.block(), Props.overKeysAndValues(p.props()),
                    p.up(), p.dn(), p.fake()));
        }
        return (Scheduled) item;
    }

    /** Takes every unreleased item, in release order, and empties the schedule. */
    List<Scheduled> takeAll() {
        List<Scheduled> rest = new ArrayList<>(size - head);
        while (head < size) {
            rest.add(take());
        }
        clear();
        return rest;
    }

    /**
     * Puts the unreleased items in release order: by time, then by sequence, dropping the released ones. Items
     * at the same time are always in sequence order already (they are added in the order they were generated,
     * and every item added after a settle was generated after the settled ones), so this is a stable sort by time,
     * done on packed primitive keys (time offset, position) where they fit.
     *
     * @param pack whether to pack the log events of a long schedule (one held for a while)
     */
    void settle(boolean pack) {
        int n = size - head;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean sorted = true;
        for (int i = head; i < size; i++) {
            min = Math.min(min, times[i]);
            max = Math.max(max, times[i]);
            sorted &= i == head || times[i] >= times[i - 1];
        }
        long[] t = new long[n];
        long[] s = new long[n];
        Object[] it = new Object[n];
        if (sorted) {
            System.arraycopy(times, head, t, 0, n);
            System.arraycopy(sequences, head, s, 0, n);
            System.arraycopy(items, head, it, 0, n);
        } else {
            int[] order = order(n, min, max);
            for (int i = 0; i < n; i++) {
                int from = head + order[i];
                t[i] = times[from];
                s[i] = sequences[from];
                it[i] = items[from];
            }
        }
        if (pack && n >= PACK_FROM) {
            for (int i = 0; i < n; i++) {
                it[i] = pack(it[i]);
            }
        }
        times = t;
        sequences = s;
        items = it;
        head = 0;
        size = n;
    }

    /** The positions (relative to the head) of the unreleased items in release order. */
    private int[] order(int n, long min, long max) {
        int[] order = new int[n];
        if (n < (1 << 20) && max - min < (1L << 43)) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = ((times[head + i] - min) << 20) | i;
            }
            Arrays.sort(keys);
            for (int i = 0; i < n; i++) {
                order[i] = (int) (keys[i] & ((1 << 20) - 1));
            }
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> {
            int c = Long.compare(times[head + a], times[head + b]);
            return c != 0 ? c : Long.compare(sequences[head + a], sequences[head + b]);
        });
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    private Object pack(Object item) {
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

    /**
     * Lets go of the released items' room once it is most of the arrays, so that a user that waits for the rest
     * of a long window holds only that rest.
     */
    void trim() {
        int n = size - head;
        if (n == 0) {
            clear();
        } else if (head > 0 && n * 2 <= times.length) {
            times = Arrays.copyOfRange(times, head, size);
            sequences = Arrays.copyOfRange(sequences, head, size);
            items = Arrays.copyOfRange(items, head, size);
            head = 0;
            size = n;
        }
    }

    /** Empties the schedule and lets go of its arrays. */
    void clear() {
        times = NO_LONGS;
        sequences = NO_LONGS;
        items = NO_ITEMS;
        head = 0;
        size = 0;
    }
}
