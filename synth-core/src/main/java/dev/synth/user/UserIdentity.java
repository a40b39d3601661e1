package dev.synth.user;

import dev.synth.event.Micros;
import java.time.Instant;
import java.util.Objects;

/**
 * Who a synthetic user is; fixed when the user is created and persisted with it (DECISIONS D4).
 *
 * @param platformUuid       the user's id, {@code <profile name cut to 11 chars>-<uuid>} ({@code u_id})
 * @param ordinal            creation order within the run; keys the user's random streams (D2)
 * @param deviceId           device id ({@code d_id}), derived from the user's creation stream
 * @param profileName        the configuration profile the user was created from
 * @param registrationMicros when the user registers, epoch microseconds UTC
 */
public record UserIdentity(String platformUuid, long ordinal, String deviceId, String profileName,
        long registrationMicros) {
    public UserIdentity {
        Objects.requireNonNull(platformUuid, "platformUuid");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(profileName, "profileName");
    }

    public Instant registration() {
        return Micros.toInstant(registrationMicros);
    }

    /** True when the user registered strictly before {@code micros} (reference 3.1.2). */
    public boolean registeredBefore(long micros) {
        return registrationMicros < micros;
    }
}
