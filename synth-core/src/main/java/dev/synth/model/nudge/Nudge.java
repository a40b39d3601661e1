package dev.synth.model.nudge;

import dev.synth.event.Micros;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A push notification addressed to a user by the nudge backend (reference 3.2.9, 7.3).
 *
 * @param id              the backend's id (fake nudges the simulation invents have negative ids)
 * @param subjectId       the user's platform uuid
 * @param queuedAtMicros  when the nudge was queued (or dispatched), epoch microseconds UTC
 * @param type            {@code push_notification}
 * @param action          the backend's action object, passed through as {@code resolved_action}; may be empty
 */
public record Nudge(long id, String subjectId, long queuedAtMicros, String type, Map<String, Object> action) {
    public Nudge {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
    }

    public Instant queuedAt() {
        return Micros.toInstant(queuedAtMicros);
    }
}
