package dev.synth.model.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.synth.Simulation;
import dev.synth.config.EngagementConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.model.session.SessionEngagementUserTest.EngagementRecorder;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.testing.TestConfigs;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A session user in local time")
class LocalDaysTest {
    /** Registered at 10:00 EDT on the Saturday before New York falls back (2025-11-02 02:00 EDT -> 01:00 EST). */
    private static final Instant REGISTRATION = Instant.parse("2025-11-01T14:00:00Z");

    private static double engagementAt(SimulationConfig config, InMemoryStateStore store, Instant end) {
        EngagementRecorder recorder = new EngagementRecorder();
        Simulation.builder().config(config).stateStore(store)
                .registerUserType(SessionEngagementUser.TYPE, recorder).end(end).build().run();
        return recorder.user.engagement();
    }

    @Test
    @DisplayName("changes its engagement at its local time of registration: 25 hours later across the fall-back")
    void engagementChangeFollowsLocalDays() {
        ProfileConfig profile = TestConfigs.boringGuy()
                .sessionEngagement(EngagementConfig.builder().initial(1, 1).changeProbability(1).boostProbability(0)
                        .decayProbability(1).change(0.1, 0.1).build())
                .timeZones(Map.of("America/New_York", 1.0)).build();
        SimulationConfig config = TestConfigs.withGlobal(TestConfigs.singleUser(profile),
                g -> g.startTs(REGISTRATION).endTs(REGISTRATION.plusSeconds(3600)));
        InMemoryStateStore store = new InMemoryStateStore();
        // 24 hours after registration (+1 h for the step that releases a change, D5) it is 09:00 EST: no change yet.
        assertThat(engagementAt(config, store, Instant.parse("2025-11-02T15:00:00Z"))).isCloseTo(1.0, offset(1e-9));
        // 10:00 EST, 25 hours after registration: the first daily change.
        assertThat(engagementAt(config, store, Instant.parse("2025-11-02T16:00:00Z"))).isCloseTo(0.9, offset(1e-9));
        // The next one 24 hours later, at 10:00 EST again.
        assertThat(engagementAt(config, store, Instant.parse("2025-11-03T15:00:00Z"))).isCloseTo(0.9, offset(1e-9));
        assertThat(engagementAt(config, store, Instant.parse("2025-11-03T16:00:00Z"))).isCloseTo(0.8, offset(1e-9));
    }

    @Test
    @DisplayName("on UTC (no time_zones) changes it every 24 hours as in the reference")
    void utcChangeEvery24Hours() {
        ProfileConfig profile = TestConfigs.boringGuy()
                .sessionEngagement(EngagementConfig.builder().initial(1, 1).changeProbability(1).boostProbability(0)
                        .decayProbability(1).change(0.1, 0.1).build()).build();
        SimulationConfig config = TestConfigs.withGlobal(TestConfigs.singleUser(profile),
                g -> g.startTs(REGISTRATION).endTs(REGISTRATION.plusSeconds(3600)));
        assertThat(engagementAt(config, new InMemoryStateStore(), Instant.parse("2025-11-02T15:00:00Z")))
                .isCloseTo(0.9, offset(1e-9));
    }
}
