package dev.synth.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One row of user activity (reference 5.1, 5.2). Immutable; {@code props} is an ordered map of JSON values
 * (strings, numbers, booleans, lists and maps of those) that must not be modified after construction.
 *
 * @param userId      the user's platform uuid ({@code u_id})
 * @param deviceId    the user's device id ({@code d_id})
 * @param timeMicros  when it happened, epoch microseconds UTC ({@code ts})
 * @param online      the {@code ol} flag
 * @param type        event type, e.g. {@code page}, {@code identify}
 * @param block       product area
 * @param props       type-specific properties, in output order
 * @param up          random integer in [1000, 100000) ({@code up})
 * @param dn          random integer in [1000, 100000) ({@code dn})
 * @param fake        made up by the simulation without a real counterpart - the reference's fake nudge
 *                    responses (reference 3.2.9); sinks asked to filter log events drop it (D26). Not written.
 */
public record LogEvent(String userId, String deviceId, long timeMicros, boolean online, String type, Block block,
        Map<String, Object> props, int up, int dn, boolean fake) {

    /** Always {@code android}, as in the reference. */
    public static final String OS = "android";
    /** Always {@code 0.0.0.0}, as in the reference. */
    public static final String IP = "0.0.0.0";

    public LogEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(props, "props");
    }

    /** A real (not {@link #fake()}) event. */
    public LogEvent(String userId, String deviceId, long timeMicros, boolean online, String type, Block block,
            Map<String, Object> props, int up, int dn) {
        this(userId, deviceId, timeMicros, online, type, block, props, up, dn, false);
    }

    public Instant timestamp() {
        return Micros.toInstant(timeMicros);
    }

    /** The {@code action} property, or {@code null} when the event has none. */
    public String action() {
        Object a = props.get("action");
        return a == null ? null : a.toString();
    }
}
