package dev.synth.model.nudge;

import dev.synth.random.SimRandom;
import java.util.Map;

/** A user that can receive nudges (reference 3.2.9). */
public interface NudgeReceiver {
    /**
     * A user's answer to a nudge: the {@code nudge_response} event's online flag and props.
     *
     * @param online whether the response event is flagged online
     * @param props  {@code nudge_id}, {@code type}, {@code response {action}} and possibly {@code resolved_action}
     */
    record Response(boolean online, Map<String, Object> props) {
    }

    /** When the user last received a nudge, or {@link Long#MIN_VALUE}. */
    long lastNudgeMicros();

    /** Receives {@code nudge} at {@code atMicros}: picks a response; an opened nudge changes the user. */
    Response receive(Nudge nudge, long atMicros, SimRandom random);
}
