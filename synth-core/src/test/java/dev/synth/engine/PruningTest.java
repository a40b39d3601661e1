package dev.synth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.Simulation;
import dev.synth.config.EngagementConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.Micros;
import dev.synth.spi.MemorySink;
import dev.synth.spi.SimulationListener;
import dev.synth.testing.TestConfigs;
import dev.synth.model.session.SessionEngagementUser;
import dev.synth.user.UserIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** prune_oldest_registered_users (reference 3.1.6): the earliest-registered user goes, unless nudged lately. */
class PruningTest {

    /** A session user that received a nudge three days after it registered. */
    static final class NudgedOnDayThree extends SessionEngagementUser {
        NudgedOnDayThree(UserIdentity identity, ProfileConfig profile) {
            super(identity, profile);
        }

        @Override
        public long lastNudgeMicros() {
            return identity().registrationMicros() + 3 * Micros.PER_DAY;
        }
    }

    private static ProfileConfig steady(String name, String type) {
        return ProfileConfig.builder(name).userType(type).occurrenceProbability(0.5).sessionCount(1, 1)
                .sessionEngagement(EngagementConfig.builder().initial(1.0, 1.0).changeProbability(0.0).build())
                .eventProbabilities(Map.of("page", 1.0)).build();
    }

    @Test
    @DisplayName("pruning skips users nudged in the 7 days before the step; once that is over, they can go too")
    void nudgedUsersAreSpared() {
        // the target stays at 10 (volatility 0) above target_max_count 2: every other step prunes one user and
        // adds a new one, so pruning runs all the time
        SimulationConfig base = TestConfigs.population(steady("plain", "session_engagement"), 10, 2, 2, 0.0);
        SimulationConfig config = base.toBuilder().addProfile(steady("nudged", "nudged_on_day_three"))
                .population(base.population().toBuilder().pruneOldestRegisteredUsers(true).build()).build();
        Set<String> nudged = ConcurrentHashMap.newKeySet();
        Map<String, Long> registered = new ConcurrentHashMap<>();
        Map<String, Long> churned = new ConcurrentHashMap<>();
        Simulation.builder().config(config).seed(8).addSink(new MemorySink())
                .end(TestConfigs.START.plus(Duration.ofDays(12)))
                .registerUserType("nudged_on_day_three", (identity, profile) -> {
                    nudged.add(identity.platformUuid());
                    registered.put(identity.platformUuid(), identity.registrationMicros());
                    return new NudgedOnDayThree(identity, profile);
                })
                .registerUserType("session_engagement", (identity, profile) -> {
                    registered.put(identity.platformUuid(), identity.registrationMicros());
                    return new SessionEngagementUser(identity, profile);
                })
                .addListener(new SimulationListener() {
                    @Override
                    public void userChurned(String platformUuid, Instant at) {
                        churned.put(platformUuid, Micros.of(at));
                    }
                }).build().run();
        long spare = 10 * Micros.PER_DAY; // nudged 3 days after registering, spared for 7 days after that
        assertThat(churned.size()).isGreaterThan(5);
        churned.forEach((uuid, at) -> {
            if (nudged.contains(uuid)) {
                assertThat(at).as("a nudged user pruned within 7 days of its nudge")
                        .isGreaterThan(registered.get(uuid) + spare - Micros.PER_HOUR);
            }
        });
        long overtaken = churned.keySet().stream().filter(p -> !nudged.contains(p)).filter(p -> nudged.stream()
                .anyMatch(n -> registered.get(n) < registered.get(p)
                        && churned.getOrDefault(n, Long.MAX_VALUE) > churned.get(p))).count();
        assertThat(overtaken).as("younger plain users pruned before older, recently nudged ones").isPositive();
        assertThat(churned.keySet().stream().filter(nudged::contains)).as("after the 7 days, nudged users go too")
                .isNotEmpty();
    }
}
