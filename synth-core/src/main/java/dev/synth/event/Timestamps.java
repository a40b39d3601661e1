package dev.synth.event;

/**
 * Formats simulated times as {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'} (reference 5.1, true UTC per D3).
 * Hand-rolled for speed: it is called for every event written. Thread-safe.
 */
public final class Timestamps {
    private Timestamps() {
    }

    public static String format(long micros) {
        StringBuilder sb = new StringBuilder(27);
        appendTo(sb, micros);
        return sb.toString();
    }

    public static void appendTo(StringBuilder sb, long micros) {
        long seconds = Math.floorDiv(micros, Micros.PER_SECOND);
        int fraction = (int) Math.floorMod(micros, Micros.PER_SECOND);
        long days = Math.floorDiv(seconds, 86_400L);
        int secOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil-from-days (Howard Hinnant), valid for all proleptic Gregorian dates
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long year = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (month <= 2) {
            year++;
        }
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2).append('T');
        pad(sb, secOfDay / 3600, 2).append(':');
        pad(sb, (secOfDay / 60) % 60, 2).append(':');
        pad(sb, secOfDay % 60, 2).append('.');
        pad(sb, fraction, 6).append('Z');
    }

    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
