package dev.synth.model.nudge;

import dev.synth.event.Micros;
import java.time.Clock;
import java.util.List;

/**
 * When and how users ask the backend for nudges (reference 3.2.9): only for check times close to the wall
 * clock - a check older than two days is skipped, so historical catch-up never calls the backend - and for
 * nudges queued after the later of the user's last received nudge and four hours before now.
 */
public final class NudgeService {
    private static final long TOO_OLD = 2 * Micros.PER_DAY;
    private static final long LOOK_BACK = 4 * Micros.PER_HOUR;

    private final NudgeClient client;
    private final Clock wall;

    public NudgeService(NudgeClient client, Clock wall) {
        this.client = client;
        this.wall = wall;
    }

    /** Fails at once when the backend cannot be reached ({@link NudgeClient#checkReachable()}). */
    public void checkReachable() {
        client.checkReachable();
    }

    /** Whether a check at {@code checkMicros} is close enough to now to ask the backend. */
    public boolean isRecent(long checkMicros) {
        return checkMicros >= Micros.of(wall.instant()) - TOO_OLD;
    }

    /** Whether {@code stepEndMicros} is within an hour of now (nudge-based resurrection runs only then). */
    public boolean isNearNow(long stepEndMicros) {
        return stepEndMicros > Micros.of(wall.instant()) - Micros.PER_HOUR;
    }

    /** New nudges for a check at {@code checkMicros}: queued after the last received one, not after the check. */
    public List<Nudge> newNudges(String subjectId, long checkMicros, long lastReceivedMicros) {
        long since = Math.max(lastReceivedMicros, Micros.of(wall.instant()) - LOOK_BACK);
        return client.fetch(subjectId, Micros.toInstant(since)).stream()
                .filter(n -> n.subjectId().equals(subjectId))
                .filter(n -> n.queuedAtMicros() <= checkMicros)
                .filter(n -> n.queuedAtMicros() > lastReceivedMicros)
                .toList();
    }

    /** All nudges queued for an inactive user since it was last seen (nudge-based resurrection). */
    public List<Nudge> nudgesSince(String subjectId, long lastSeenMicros) {
        return client.fetch(subjectId, Micros.toInstant(lastSeenMicros)).stream()
                .filter(n -> n.subjectId().equals(subjectId) && n.queuedAtMicros() > lastSeenMicros)
                .toList();
    }
}
