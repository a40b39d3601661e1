package dev.synth.examples.subscriber;

import dev.synth.config.ConfigProblem;
import dev.synth.config.ProfileConfig;
import dev.synth.user.NamedUserType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code subscriber} user type: makes {@link StreamingSubscriber} known to every simulation on the classpath,
 * including the command line ({@code synth run config/streaming_subscribers.yml}), through
 * {@code META-INF/services/dev.synth.user.UserTypeProvider}, and declares what its profiles may say:
 * <ul>
 *   <li>its settings ({@code users.profiles.<name>.settings}) with their defaults - a misspelt key is reported
 *       with its key path and "did you mean", a value of the wrong kind or out of range with its rule;</li>
 *   <li>its event types, the only names its profiles' {@code events} may list;</li>
 *   <li>that it reads none of the reference's profile keys ({@code product_user_type}, session counts...), so a
 *       profile that sets one is refused rather than silently ignored;</li>
 *   <li>one rule of its own: {@code viewing_hour_weights} has a weight for each of the 24 hours.</li>
 * </ul>
 */
public final class SubscriberTypeProvider extends NamedUserType {
    private static final Map<String, Object> SETTINGS = declaredSettings();

    private static Map<String, Object> declaredSettings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sessions_per_day_min", 1);
        s.put("sessions_per_day_max", 1);
        s.put("viewing_hour_weights", Collections.nCopies(24, 1.0));
        s.put("episodes_per_session_min", 1);
        s.put("episodes_per_session_max", 3);
        s.put("episode_length_min_seconds", 1200);
        s.put("episode_length_max_seconds", 3000);
        s.put("episodes_per_series", 8);
        s.put("online_probability", 0.2);
        s.put("pause_probability", 0.3);
        s.put("walk_away_probability", 0.2);
        s.put("premium_probability", 0.3);
        s.put("lapse_below", 0.3);
        s.put("interest_initial_min", 0.5);
        s.put("interest_initial_max", 1.0);
        s.put("interest_change_probability", 0.3);
        s.put("interest_boost_probability", 0.5);
        s.put("interest_decay_probability", 0.5);
        s.put("interest_change_min", 0.01);
        s.put("interest_change_max", 0.05);
        return Collections.unmodifiableMap(s);
    }

    /** The type, for {@link java.util.ServiceLoader} and {@code registerUserType}. */
    public SubscriberTypeProvider() {
        super(StreamingSubscriber.USER_TYPE, StreamingSubscriber::new);
    }

    @Override
    public Map<String, Object> settings() {
        return SETTINGS;
    }

    /** A subscriber reads only its own settings: the reference's profile keys would have no effect. */
    @Override
    public boolean readsReferenceProfileKeys() {
        return false;
    }

    @Override
    public Map<String, Map<String, Object>> eventTypes() {
        Map<String, Map<String, Object>> types = new LinkedHashMap<>();
        for (String type : StreamingSubscriber.EVENT_TYPES) {
            types.put(type, Map.of());
        }
        return types;
    }

    @Override
    public List<ConfigProblem> validate(ProfileConfig profile, String path) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Double> hours = profile.settings().numbers("viewing_hour_weights");
        String hoursPath = path + ".settings.viewing_hour_weights";
        if (hours.size() != 24) {
            problems.add(new ConfigProblem(hoursPath, hours, "must have 24 values (hours 0-23), not " + hours.size()));
        } else if (hours.stream().anyMatch(w -> !(w >= 0)) || hours.stream().allMatch(w -> w == 0)) {
            problems.add(new ConfigProblem(hoursPath, hours, "must be weights >= 0, not all zero"));
        }
        if (profile.settings().number("lapse_below") > 1) {
            problems.add(new ConfigProblem(path + ".settings.lapse_below", profile.settings().number("lapse_below"),
                    "must be in [0, 1]"));
        }
        return problems;
    }
}
