package dev.synth.model.nudge;

import dev.synth.config.NudgeConfig;
import dev.synth.event.Micros;

/** The arithmetic of nudge effects that do not depend on randomness. */
public final class NudgeRules {
    private NudgeRules() {
    }

    /**
     * Extra sessions for a window starting at {@code windowStartMicros} (reference 3.2.8): none if no nudge
     * was received or the last one came after the window's start; otherwise {@code bonus_session_count}
     * while fewer than {@code bonus_session_days} whole days have passed since it.
     */
    public static int bonusSessions(NudgeConfig config, long lastNudgeMicros, long windowStartMicros) {
        if (lastNudgeMicros == Long.MIN_VALUE || lastNudgeMicros > windowStartMicros) {
            return 0;
        }
        long days = (windowStartMicros - lastNudgeMicros) / Micros.PER_DAY;
        return days < config.bonusSessionDays() ? config.bonusSessionCount() : 0;
    }

    /** How long a received nudge spares a user from pruning (reference 3.1.6). */
    public static final long PRUNING_SPARED_FOR = 7 * Micros.PER_DAY;

    /**
     * Whether a user whose last nudge came at {@code lastNudgeMicros} ({@link Long#MIN_VALUE}: never) is spared
     * from pruning in the step ending at {@code stepEndMicros}: it received a nudge within the 7 days before.
     */
    public static boolean nudgedRecently(long lastNudgeMicros, long stepEndMicros) {
        return lastNudgeMicros != Long.MIN_VALUE && lastNudgeMicros > stepEndMicros - PRUNING_SPARED_FOR;
    }
}
