package dev.synth.config;

/**
 * Timing settings of {@code behaviour.schedule} (reference 2.8).
 *
 * @param secondsPerEvent      event-per-period users: seconds between two generated events; default 60
 * @param deliveryDelayMaxDays purchase users: scale, in days, of non-urgent delivery delays; default 10
 */
public record ScheduleConfig(int secondsPerEvent, int deliveryDelayMaxDays) {
    private static final ScheduleConfig DEFAULTS = new ScheduleConfig(60, 10);

    /** 60 seconds per event, deliveries scaled by 10 days. */
    public static ScheduleConfig defaults() {
        return DEFAULTS;
    }

    public ScheduleConfig withSecondsPerEvent(int seconds) {
        return new ScheduleConfig(seconds, deliveryDelayMaxDays);
    }

    public ScheduleConfig withDeliveryDelayMaxDays(int days) {
        return new ScheduleConfig(secondsPerEvent, days);
    }
}
