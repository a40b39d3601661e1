package dev.synth.model.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.Simulation;
import dev.synth.config.EngagementConfig;
import dev.synth.config.ProductUserType;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.Block;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import dev.synth.user.User;
import dev.synth.user.UserIdentity;
import dev.synth.user.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session users generate their day one session at a time ({@link Window#defer}) to hold less memory; that must not
 * change a single event. Compared here with the same users generating their whole day at once.
 */
@DisplayName("Sessions generated one at a time")
class DeferredSessionsTest {
    /** The same user, generating each window whole, as before sessions were deferred. */
    static final class Eager extends SessionEngagementUser {
        Eager(UserIdentity identity, ProfileConfig profile) {
            super(identity, profile);
        }

        @Override
        protected boolean deferSessions(Window window) {
            return false;
        }
    }

    /**
     * Long sessions late in the day (they run past midnight, into the next window and past the daily engagement
     * change), mobile backgrounding, modules, churn, pruning and new users registering at random times.
     */
    private static SimulationConfig busy(boolean localTime) {
        List<Double> lateHours = new ArrayList<>(Collections.nCopies(24, 0.1));
        lateHours.set(22, 1.0);
        lateHours.set(23, 2.0);
        ProfileConfig.Builder profile = TestConfigs.boringGuy().sessionCount(1, 4).sessionLengthSeconds(60, 2 * 3600)
                .sessionHourlyStartProbabilities(lateHours).productUserType(ProductUserType.MOBILE)
                .backgroundPerMinuteProbability(0.05)
                .sessionEngagement(EngagementConfig.builder().initial(0.2, 1.0).changeProbability(0.5)
                        .boostProbability(0.3).decayProbability(0.7).change(0.05, 0.3).build())
                .eventProbabilities(Map.of("page", 0.4, "video", 0.2, "module", 0.2, "search", 0.1, "image", 0.1));
        if (localTime) {
            profile.timeZones(Map.of("America/New_York", 1.0, "Asia/Kolkata", 1.0));
        }
        SimulationConfig config = TestConfigs.population(profile.build(), 30, 25, 40, 0.3);
        config = config.toBuilder().population(config.population().toBuilder().pruneOldestRegisteredUsers(true).build())
                .build();
        return TestConfigs.withGlobal(config, g -> g.randomiseRegistrationTimes(true).ratingProbability(0.2).seed(11));
    }

    private static MemorySink run(SimulationConfig config, boolean eager, Instant end, InMemoryStateStore store) {
        MemorySink sink = new MemorySink();
        Simulation.Builder builder = Simulation.builder().config(config).stateStore(store).addSink(sink).end(end);
        if (eager) {
            builder.registerUserType(SessionEngagementUser.TYPE, Eager::new);
        }
        builder.build().run();
        return sink;
    }

    @ParameterizedTest(name = "local time: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("writes exactly the events of generating each day whole, also across a resume")
    void sameEventsAsEager(boolean localTime) {
        SimulationConfig config = busy(localTime);
        Instant end = TestConfigs.START.plus(Duration.ofDays(20));
        MemorySink eager = run(config, true, end, new InMemoryStateStore());
        MemorySink deferred = run(config, false, end, new InMemoryStateStore());
        assertThat(eager.logEvents()).hasSizeGreaterThan(5_000);
        assertThat(deferred.logEvents()).isEqualTo(eager.logEvents());
        assertThat(deferred.catalogEvents()).isEqualTo(eager.catalogEvents());

        // stopped in the middle of a late session and resumed: the deferred sessions are generated again
        InMemoryStateStore store = new InMemoryStateStore();
        MemorySink first = run(config, false, TestConfigs.START.plus(Duration.ofDays(7)).plus(Duration.ofHours(23)),
                store);
        MemorySink rest = run(config, false, end, store);
        List<Object> resumed = new ArrayList<>(first.logEvents());
        resumed.addAll(rest.logEvents());
        assertThat(resumed).isEqualTo(new ArrayList<>(eager.logEvents()));
    }

    /** A user that defers a part and then breaks the promise that made deferring safe. */
    static final class Liar extends User {
        Liar(UserIdentity identity, ProfileConfig profile) {
            super(identity, profile);
        }

        @Override
        protected void generate(Window window) {
            long noon = window.startMicros() + 12 * Micros.PER_HOUR;
            window.defer(noon, () -> window.log(noon - Micros.PER_HOUR, "app", Block.CORE, true,
                    Props.of("action", "open")));
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        protected com.fasterxml.jackson.databind.JsonNode saveState(com.fasterxml.jackson.databind.ObjectMapper m) {
            return m.createObjectNode();
        }

        @Override
        protected void restoreState(com.fasterxml.jackson.databind.JsonNode state,
                com.fasterxml.jackson.databind.ObjectMapper m) {
        }
    }

    @Test
    @DisplayName("a deferred part that schedules before the time it was deferred to is refused, naming the user")
    void deferredPartMustNotScheduleEarlier() {
        SimulationConfig config = TestConfigs.singleUser(TestConfigs.boringGuy().userType("liar").build());
        assertThatThrownBy(() -> Simulation.builder().config(config).registerUserType("liar", Liar::new)
                .addSink(new MemorySink()).end(TestConfigs.START.plus(Duration.ofDays(1))).build().run())
                .hasStackTraceContaining("Liar[")
                .hasStackTraceContaining("before 2000-01-01T12:00:00Z");
    }
}
