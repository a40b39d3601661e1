package dev.synth.time;

import dev.synth.random.SimRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A time zone's calendar seen from simulated time (epoch microseconds, UTC): the local date, hour and weekday of an
 * instant, the instants of a local time of day, and hour slots for drawing session starts by local hour. Daylight
 * saving follows the zone's {@code java.time} rules:
 * <ul>
 *   <li>a local hour that a spring-forward skips has no instants, so nothing can start in it (and the part of an
 *       hour that a shorter gap skips, as on Lord Howe Island, is missing likewise);</li>
 *   <li>a local hour that a fall-back repeats lasts two hours of simulated time; each of its instants gets half the
 *       weight, so the local hour as a whole keeps its single weight (it is not double-weighted);</li>
 *   <li>a local time of day that does not exist on a date (it is in a gap) means the instant just after the gap,
 *       shifted by the gap's length; one that exists twice means the earlier instant ({@link ZonedDateTime#of}).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class LocalCalendar {
    private static final long SECOND = 1_000_000L;
    private static final long HOUR = 3600 * SECOND;
    /** Slots are computed over a margin around the window so that a repeated hour's full length is known. */
    private static final long MARGIN = 3 * HOUR;

    private final ZoneId zone;
    private final ZoneRules rules;

    private LocalCalendar(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    /** The calendar of {@code zone}. */
    public static LocalCalendar of(ZoneId zone) {
        return new LocalCalendar(Objects.requireNonNull(zone, "zone"));
    }

    public ZoneId zone() {
        return zone;
    }

    /** The zone's offset from UTC at an instant. */
    public ZoneOffset offsetAt(long micros) {
        return rules.getOffset(instant(micros));
    }

    /** The local date and time of an instant. */
    public LocalDateTime localDateTime(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, SECOND), (int) (Math.floorMod(micros, SECOND) * 1000),
                offsetAt(micros));
    }

    /** The local date of an instant. */
    public LocalDate date(long micros) {
        return localDateTime(micros).toLocalDate();
    }

    /** The local hour of day (0-23) of an instant. */
    public int hourOfDay(long micros) {
        return localDateTime(micros).getHour();
    }

    /** The local day of week of an instant, 0 = Monday ... 6 = Sunday. */
    public int dayOfWeek(long micros) {
        return localDateTime(micros).getDayOfWeek().getValue() - 1;
    }

    /** The instant of local time {@code time} on local date {@code date} (see the class notes for gaps and overlaps). */
    public long at(LocalDate date, LocalTime time) {
        Instant i = ZonedDateTime.of(date, time, zone).toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), SECOND), i.getNano() / 1000);
    }

    /** The first instant after {@code afterMicros} that is local time {@code time} (one per local date). */
    public long nextTimeOfDay(long afterMicros, LocalTime time) {
        LocalDate d = date(afterMicros).minusDays(1);
        while (true) {
            long b = at(d, time);
            if (b > afterMicros) {
                return b;
            }
            d = d.plusDays(1);
        }
    }

    /** The last instant before {@code beforeMicros} that is local time {@code time}. */
    public long lastTimeOfDayBefore(long beforeMicros, LocalTime time) {
        LocalDate d = date(beforeMicros).plusDays(1);
        while (true) {
            long b = at(d, time);
            if (b < beforeMicros) {
                return b;
            }
            d = d.minusDays(1);
        }
    }

    /**
     * Splits {@code [fromMicros, toMicros)} where the local date and hour change, weighting each piece by
     * {@code hourlyWeights} of its local hour times the share of that local hour's instants it covers (at least a
     * full hour's worth): a whole ordinary hour gets its weight, half of a repeated (fall-back) hour half of it, a
     * skipped hour nothing.
     *
     * @param hourlyWeights 24 non-negative weights, local hour 0 first
     */
    public HourSlots hourSlots(long fromMicros, long toMicros, List<Double> hourlyWeights) {
        if (hourlyWeights.size() != 24) {
            throw new IllegalArgumentException("24 hourly weights expected, got " + hourlyWeights.size());
        }
        // 1. Pieces of constant local hour over the window plus a margin: [start, end) and the local epoch hour.
        long lo = fromMicros - MARGIN;
        long hi = toMicros + MARGIN;
        long[] starts = new long[40];
        long[] keys = new long[40];
        int n = 0;
        ZoneOffsetTransition transition = rules.nextTransition(instant(lo));
        long transitionAt = transition == null ? Long.MAX_VALUE : micros(transition.getInstant());
        long offset = rules.getOffset(instant(lo)).getTotalSeconds() * SECOND;
        long t = lo;
        while (t < hi) {
            if (t >= transitionAt) {
                offset = transition.getOffsetAfter().getTotalSeconds() * SECOND;
                transition = rules.nextTransition(transition.getInstant());
                transitionAt = transition == null ? Long.MAX_VALUE : micros(transition.getInstant());
            }
            long key = Math.floorDiv(t + offset, HOUR);
            long next = Math.min(Math.min((key + 1) * HOUR - offset, transitionAt), hi);
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                keys = Arrays.copyOf(keys, n * 2);
            }
            starts[n] = t;
            keys[n] = key;
            n++;
            t = next;
        }
        // 2. Total length of each local hour: consecutive pieces with the same local hour (a repeated hour's two
        //    halves are adjacent in time) add up. An hour cut short by a gap keeps the density of a normal hour
        //    (the skipped part of it is simply missing), so the divisor is at least one hour.
        long[] totals = new long[n];
        for (int i = 0; i < n; ) {
            int j = i;
            long total = 0;
            while (j < n && keys[j] == keys[i]) {
                total += end(starts, j, n, hi) - starts[j];
                j++;
            }
            Arrays.fill(totals, i, j, Math.max(total, HOUR));
            i = j;
        }
        // 3. The pieces inside the window, clipped, with their weights.
        HourSlots.Builder slots = new HourSlots.Builder(n);
        for (int i = 0; i < n; i++) {
            long s = Math.max(starts[i], fromMicros);
            long e = Math.min(end(starts, i, n, hi), toMicros);
            if (e <= s) {
                continue;
            }
            double w = hourlyWeights.get((int) Math.floorMod(keys[i], 24L)) * ((double) (e - s) / totals[i]);
            slots.add(s, e - s, w, Math.floorDiv(keys[i], 24L));
        }
        return slots.build();
    }

    private static long end(long[] starts, int i, int n, long hi) {
        return i + 1 < n ? starts[i + 1] : hi;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, SECOND), Math.floorMod(micros, SECOND) * 1000L);
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * SECOND + i.getNano() / 1000;
    }

    /**
     * Pieces of a stretch of simulated time, each within one local hour, with a weight for drawing a start time:
     * draw a piece by weight, then a uniform instant inside it. Immutable.
     */
    public static final class HourSlots {
        private final long[] starts;
        private final long[] lengths;
        private final double[] weights;
        private final long[] epochDays;
        private final double totalWeight;

        private HourSlots(long[] starts, long[] lengths, double[] weights, long[] epochDays) {
            this.starts = starts;
            this.lengths = lengths;
            this.weights = weights;
            this.epochDays = epochDays;
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            this.totalWeight = total;
        }

        public int size() {
            return starts.length;
        }

        public long start(int i) {
            return starts[i];
        }

        public long length(int i) {
            return lengths[i];
        }

        public double weight(int i) {
            return weights[i];
        }

        /** The local epoch day of slot {@code i}. */
        public long localEpochDay(int i) {
            return epochDays[i];
        }

        /** The local epoch days the slots touch, first to last (at most three for a 24-hour stretch). */
        public long[] localEpochDays() {
            return Arrays.stream(epochDays).distinct().toArray();
        }

        /** Whether no slot has a positive weight (nothing can be drawn). */
        public boolean isEmpty() {
            return !(totalWeight > 0);
        }

        /** A start time: a slot drawn by weight, then a uniform instant inside it (two draws from {@code random}). */
        public long draw(SimRandom random) {
            int i = random.weightedIndex(weights);
            return starts[i] + (long) (random.nextDouble() * lengths[i]);
        }

        static final class Builder {
            private final long[] starts;
            private final long[] lengths;
            private final double[] weights;
            private final long[] days;
            private int n;

            Builder(int capacity) {
                starts = new long[capacity];
                lengths = new long[capacity];
                weights = new double[capacity];
                days = new long[capacity];
            }

            void add(long start, long length, double weight, long day) {
                starts[n] = start;
                lengths[n] = length;
                weights[n] = weight;
                days[n] = day;
                n++;
            }

            HourSlots build() {
                return new HourSlots(Arrays.copyOf(starts, n), Arrays.copyOf(lengths, n), Arrays.copyOf(weights, n),
                        Arrays.copyOf(days, n));
            }
        }
    }
}
