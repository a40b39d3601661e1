package dev.synth.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the ordered, unmodifiable property maps of events. Never use {@code Map.of} for event data: its
 * iteration order changes from one JVM start to the next, which would break byte-identical output (D1).
 */
public final class Props {
    private Props() {
    }

    /** An ordered map of alternating keys and values: {@code Props.of("action", "login")}. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(Math.max(4, keysAndValues.length));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Wraps an already built ordered map. */
    public static Map<String, Object> wrap(LinkedHashMap<String, Object> map) {
        return Collections.unmodifiableMap(map);
    }
}
