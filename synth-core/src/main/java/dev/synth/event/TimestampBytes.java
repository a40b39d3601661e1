package dev.synth.event;

/**
 * Writes times in the {@link Timestamps} format, {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'}, as ASCII bytes into a
 * {@code byte[]}: the date part comes from {@link Timestamps} once per day and is cached, the time of day is plain
 * arithmetic, and nothing is allocated per call. For the outputs, which write one per event. Not thread-safe: one
 * instance per writer.
 */
public final class TimestampBytes {
    /** The most bytes {@link #write} writes (a year of up to seven characters, sign included). */
    public static final int MAX_BYTES = 32;
    /** Times within about 146,000 years of 1970, where the arithmetic of the day cache cannot overflow. */
    private static final long MAX_CACHED_MICROS = Long.MAX_VALUE / 2;
    private static final long MIN_CACHED_MICROS = -MAX_CACHED_MICROS;

    /** The start of the day of the last timestamp, and that day as {@code yyyy-MM-dd'T'}. */
    private long cachedMidnight = Long.MIN_VALUE / 2;
    private byte[] cachedDate;
    private final StringBuilder text = new StringBuilder(MAX_BYTES);

    /**
     * Writes {@code micros} (epoch microseconds) at {@code pos}, where {@link #MAX_BYTES} bytes must be free, and
     * returns the position after it.
     */
    public int write(byte[] out, int pos, long micros) {
        if (micros < MIN_CACHED_MICROS || micros > MAX_CACHED_MICROS) {
            text.setLength(0);
            Timestamps.appendTo(text, micros);
            int len = text.length();
            for (int i = 0; i < len; i++) {
                out[pos + i] = (byte) text.charAt(i);
            }
            return pos + len;
        }
        long microOfDay = micros - cachedMidnight;
        if (microOfDay < 0 || microOfDay >= Micros.PER_DAY) {
            microOfDay = newDay(micros);
        }
        byte[] date = cachedDate;
        System.arraycopy(date, 0, out, pos, date.length);
        return timeOfDay(out, pos + date.length, microOfDay);
    }

    private long newDay(long micros) {
        long microOfDay = Math.floorMod(micros, Micros.PER_DAY);
        cachedMidnight = micros - microOfDay;
        String midnight = Timestamps.format(cachedMidnight);
        int dateLength = midnight.indexOf('T') + 1;
        byte[] date = new byte[dateLength];
        for (int i = 0; i < dateLength; i++) {
            date[i] = (byte) midnight.charAt(i);
        }
        cachedDate = date;
        return microOfDay;
    }

    /** {@code HH:mm:ss.SSSSSS'Z'} for a time of day in microseconds, {@code 0 <= microOfDay < 86,400,000,000}. */
    private static int timeOfDay(byte[] b, int p, long microOfDay) {
        int second = (int) (microOfDay / 1_000_000);
        int micro = (int) (microOfDay - second * 1_000_000L);
        two(b, p, second / 3600);
        b[p + 2] = ':';
        two(b, p + 3, second / 60 % 60);
        b[p + 5] = ':';
        two(b, p + 6, second % 60);
        b[p + 8] = '.';
        int high = micro / 1000;
        int low = micro - high * 1000;
        three(b, p + 9, high);
        three(b, p + 12, low);
        b[p + 15] = 'Z';
        return p + 16;
    }

    private static void two(byte[] b, int p, int v) {
        int tens = v / 10;
        b[p] = (byte) ('0' + tens);
        b[p + 1] = (byte) ('0' + v - tens * 10);
    }

    private static void three(byte[] b, int p, int v) {
        int hundreds = v / 100;
        b[p] = (byte) ('0' + hundreds);
        two(b, p + 1, v - hundreds * 100);
    }
}
