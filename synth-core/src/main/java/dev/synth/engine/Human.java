package dev.synth.engine;

import java.time.Duration;

/** Numbers and durations for people: {@code 1,234,567}, {@code 1h 47m}, {@code 3.2 s}, {@code 12.5%}. */
public final class Human {
    private Human() {
    }

    /** {@code 1234567} as {@code 1,234,567}. */
    public static String count(long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }

    /** A share in [0, 1] as a percentage with one decimal, e.g. {@code 45.2%}. */
    public static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", Math.max(0, Math.min(1, share)) * 100);
    }

    /**
     * At most two units, largest first: {@code 3d 4h}, {@code 1h 47m}, {@code 2m 5s}, {@code 3.2 s},
     * {@code 0.4 s}.
     */
    public static String duration(Duration d) {
        if (d.isNegative()) {
            return "-" + duration(d.negated());
        }
        long seconds = d.getSeconds();
        if (seconds < 60) {
            return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return hours == 0 ? days + "d" : days + "d " + hours + "h";
        }
        if (hours > 0) {
            return minutes == 0 ? hours + "h" : hours + "h " + minutes + "m";
        }
        return secs == 0 ? minutes + "m" : minutes + "m " + secs + "s";
    }
}
