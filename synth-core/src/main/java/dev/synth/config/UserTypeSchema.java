package dev.synth.config;

import java.util.List;
import java.util.Map;

/**
 * What a user type reads from the profiles that use it ({@code user_type}): its own settings with their
 * defaults, the event types it generates with their property defaults, and any further rules. The engine checks
 * every profile against its type's schema before a run, with the same key-path messages (and "did you mean")
 * as the built-in settings:
 * <ul>
 *   <li>every key under {@code settings} must be declared in {@link #settings()}, and its value of the same
 *       kind as the default (number, string, boolean, list, mapping);</li>
 *   <li>keys ending in {@code _probability} must be in [0, 1], other numbers must not be negative, and a
 *       {@code ..._min...} value must not exceed its {@code ..._max...} partner (written or default) - in
 *       {@code settings} and in {@code events.<type>.properties};</li>
 *   <li>the keys of {@code events} and {@code event_probabilities} must be event types of {@link #eventTypes()};</li>
 *   <li>and whatever {@link #validate} reports.</li>
 * </ul>
 * Implemented by {@code dev.synth.user.UserTypeProvider}; all methods have defaults, so a type that declares
 * nothing accepts no settings and the reference's content event types.
 */
public interface UserTypeSchema {
    /** The {@code user_type} name, e.g. {@code subscriber}. */
    String type();

    /**
     * The settings this type reads from {@code users.profiles.<name>.settings}, with their defaults. A run
     * hands users profiles whose settings hold these defaults for every key the profile does not set. Default:
     * none.
     */
    default Map<String, Object> settings() {
        return Map.of();
    }

    /**
     * The event types profiles of this type may configure ({@code events.<type>.properties}) and weigh
     * ({@code event_probabilities}), each with the defaults of the properties it reads. Default: the reference's
     * content event types ({@link EventConfig#CONTENT_EVENT_TYPES}).
     */
    default Map<String, Map<String, Object>> eventTypes() {
        return EventConfig.CONTENT_EVENT_TYPES;
    }

    /**
     * Whether users of this type read the reference's profile keys besides {@code user_type},
     * {@code occurrence_probability}, {@code events} and {@code event_probabilities} - session counts and
     * lengths, hours, {@code product_user_type}, engagement, nudges, behaviour. A type that reads only its own
     * {@link #settings()} returns false: then a profile of it that sets any of those keys is refused, since the
     * key would have no effect. Default: true.
     */
    default boolean readsReferenceProfileKeys() {
        return true;
    }

    /**
     * Whether a profile of this type that can be chosen must weigh event types ({@code event_probabilities}
     * not empty), because its users pick among them. Default: false.
     */
    default boolean needsEventProbabilities(ProfileConfig profile) {
        return false;
    }

    /**
     * Further checks of a profile of this type (its settings already hold the defaults), each problem with its
     * key path under {@code path} ({@code users.profiles.<name>}). Default: none.
     */
    default List<ConfigProblem> validate(ProfileConfig profile, String path) {
        return List.of();
    }
}
