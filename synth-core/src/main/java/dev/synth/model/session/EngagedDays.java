package dev.synth.model.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a user was engaged on each of its last few days (epoch day to yes/no), kept in two small arrays in
 * day order: a user remembers about three days, and a million users hold this between them in under 100 MB
 * instead of the quarter of a gigabyte a tree map takes. Persisted as a JSON object from day to boolean, in day
 * order. Mutable, owned by one user.
 */
public final class EngagedDays {
    private long[] days = new long[0];
    private boolean[] engaged = new boolean[0];
    private int size;

    public EngagedDays() {
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EngagedDays of(Map<Long, Boolean> stored) {
        EngagedDays d = new EngagedDays();
        new TreeMap<>(stored).forEach(d::put);
        return d;
    }

    /** Whether the user was engaged on {@code day}, or null when that day is not known. */
    public Boolean get(long day) {
        int i = Arrays.binarySearch(days, 0, size, day);
        return i >= 0 ? engaged[i] : null;
    }

    /** Remembers {@code day}. */
    public void put(long day, boolean value) {
        int i = Arrays.binarySearch(days, 0, size, day);
        if (i >= 0) {
            engaged[i] = value;
            return;
        }
        int at = -i - 1;
        if (size == days.length) {
            days = Arrays.copyOf(days, size + 2);
            engaged = Arrays.copyOf(engaged, size + 2);
        }
        System.arraycopy(days, at, days, at + 1, size - at);
        System.arraycopy(engaged, at, engaged, at + 1, size - at);
        days[at] = day;
        engaged[at] = value;
        size++;
    }

    /** Forgets the days before {@code day}. */
    public void forgetBefore(long day) {
        int keepFrom = 0;
        while (keepFrom < size && days[keepFrom] < day) {
            keepFrom++;
        }
        if (keepFrom > 0) {
            System.arraycopy(days, keepFrom, days, 0, size - keepFrom);
            System.arraycopy(engaged, keepFrom, engaged, 0, size - keepFrom);
            size -= keepFrom;
        }
    }

    /** The days as a map in day order, as persisted. */
    @JsonValue
    public Map<Long, Boolean> asMap() {
        TreeMap<Long, Boolean> map = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            map.put(days[i], engaged[i]);
        }
        return map;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
