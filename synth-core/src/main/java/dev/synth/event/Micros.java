package dev.synth.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Simulated time as epoch microseconds (UTC, DECISIONS D3): the resolution of the output format
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'}. Engine code does arithmetic on these longs; the public API
 * exposes {@link Instant}.
 */
public final class Micros {
    public static final long PER_SECOND = 1_000_000L;
    public static final long PER_MINUTE = 60 * PER_SECOND;
    public static final long PER_HOUR = 3600 * PER_SECOND;
    public static final long PER_DAY = 24 * PER_HOUR;

    private Micros() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1000);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000L);
    }

    /** Seconds (possibly fractional) as microseconds, truncated. */
    public static long seconds(double seconds) {
        return (long) (seconds * PER_SECOND);
    }

    /** Whole seconds between two times, truncated towards zero. */
    public static long wholeSecondsBetween(long from, long to) {
        return (to - from) / PER_SECOND;
    }

    public static LocalDateTime toUtcDateTime(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, PER_SECOND),
                (int) (Math.floorMod(micros, PER_SECOND) * 1000L), ZoneOffset.UTC);
    }

    /** Hour of day (0-23, UTC). */
    public static int hourOfDay(long micros) {
        return (int) Math.floorMod(Math.floorDiv(micros, PER_HOUR), 24L);
    }

    /** Day of week, 0 = Monday ... 6 = Sunday (UTC). */
    public static int dayOfWeek(long micros) {
        long days = Math.floorDiv(micros, PER_DAY);
        // 1970-01-01 was a Thursday (3)
        return (int) Math.floorMod(days + 3, 7L);
    }

    /** Epoch day (UTC) of a time. */
    public static long epochDay(long micros) {
        return Math.floorDiv(micros, PER_DAY);
    }
}
