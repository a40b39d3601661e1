package dev.synth.spi;

import java.util.Objects;

/**
 * The persisted form of one synthetic user.
 *
 * @param platformUuid   the user's id ({@code u_id}), unique within a run
 * @param ordinal        creation order of the user within the run (0, 1, 2...); keys its random streams
 * @param userType       registered user type name, e.g. {@code session_engagement}
 * @param profileName    configuration profile the user was created from
 * @param active         false once the user churned (DECISIONS D10)
 * @param lastSeenMicros time up to which the user's events were released, epoch microseconds UTC
 * @param state          the user's state as JSON text, written and read by the engine only
 */
public record UserRecord(String platformUuid, long ordinal, String userType, String profileName, boolean active,
        long lastSeenMicros, String state) {
    public UserRecord {
        Objects.requireNonNull(platformUuid, "platformUuid");
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(state, "state");
    }
}
