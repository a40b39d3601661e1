package dev.synth.model.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.config.ProfileConfig;
import dev.synth.event.Micros;
import dev.synth.random.SimRandom;
import dev.synth.random.WeightedChoice;
import dev.synth.user.User;
import dev.synth.user.NamedUserType;
import dev.synth.user.UserIdentity;
import dev.synth.user.Window;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A user that produces one content block every {@code behaviour.schedule.seconds_per_event} seconds, around
 * the clock, and never churns (reference 3.4). Useful for load and pipeline tests.
 */
public class EventPerPeriodUser extends User {
    /** The registered user type name. */
    public static final String TYPE = "event_per_period";

    /** Makes this user type known by its {@link #TYPE} name; found by {@link java.util.ServiceLoader}. */
    public static final class Type extends NamedUserType {
        public Type() {
            super(TYPE, EventPerPeriodUser::new);
        }

        /** Its users pick content event types in every session. */
        @Override
        public boolean needsEventProbabilities(ProfileConfig profile) {
            return true;
        }
    }

    private LearningProgress progress = new LearningProgress();
    private WeightedChoice<String> contentTypes;

    /** A user of {@code profile}; see {@link dev.synth.user.UserFactory}. */
    public EventPerPeriodUser(UserIdentity identity, ProfileConfig profile) {
        super(identity, profile);
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    protected void generate(Window window) {
        long period = (long) profile().behaviour().schedule().secondsPerEvent() * Micros.PER_SECOND;
        if (period <= 0) {
            throw new IllegalStateException("profile " + profile().name() + ": seconds_per_event must be positive");
        }
        if (contentTypes == null) {
            contentTypes = WeightedChoice.of(profile().eventProbabilities(),
                    "users.profiles." + profile().name() + ".event_probabilities");
        }
        SimRandom random = window.random();
        EventBlocks.Scope scope = new EventBlocks.Scope(window, profile(), progress, true);
        long t = window.startMicros();
        while ((window.endMicros() - t) / Micros.PER_SECOND * Micros.PER_SECOND >= period) {
            EventBlocks.generate(contentTypes.draw(random), scope, t);
            t += period;
        }
    }

    @Override
    protected JsonNode saveState(ObjectMapper mapper) {
        return mapper.valueToTree(progress);
    }

    @Override
    protected void restoreState(JsonNode state, ObjectMapper mapper) {
        try {
            progress = mapper.treeToValue(state, LearningProgress.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
