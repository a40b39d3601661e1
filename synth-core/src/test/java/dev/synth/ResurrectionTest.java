package dev.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.spi.SimulationListener;
import dev.synth.testing.TestConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reference 3.2.10 (random resurrection) with D9: a revived user starts again, it never back-fills. */
class ResurrectionTest {
    private static final ProfileConfig DAILY_CHURN = TestConfigs.boringGuy()
            .sessionEngagement(e -> e.initial(1, 1).changeProbability(1).boostProbability(0).decayProbability(1)
                    .change(1, 1))
            .build();

    @Test
    @DisplayName("users that churn daily come back with certainty, only with events after their return")
    void resurrection() {
        SimulationConfig config = TestConfigs.population(DAILY_CHURN, 1, 1, 1, 0).toBuilder()
                .population(p -> p.initialCount(1).targetMinCount(1).targetMaxCount(1).resurrectionProbability(1.0))
                .build();
        Map<String, List<Instant>> returns = new HashMap<>();
        List<String> churns = new ArrayList<>();
        MemorySink sink = new MemorySink();
        Simulation.builder().config(config).addSink(sink).end(TestConfigs.START.plusSeconds(5 * 86_400))
                .addListener(new SimulationListener() {
                    @Override
                    public void userResurrected(String platformUuid, Instant at) {
                        returns.computeIfAbsent(platformUuid, k -> new ArrayList<>()).add(at);
                    }

                    @Override
                    public void userChurned(String platformUuid, Instant at) {
                        churns.add(platformUuid);
                    }
                }).build().run();
        assertThat(returns).isNotEmpty();
        assertThat(churns.size()).isGreaterThan(returns.size());
        for (Map.Entry<String, List<Instant>> e : returns.entrySet()) {
            Instant firstReturn = e.getValue().get(0);
            List<LogEvent> own = sink.logEvents().stream().filter(l -> l.userId().equals(e.getKey())).toList();
            Instant lastBefore = own.stream().map(LogEvent::timestamp).filter(t -> t.isBefore(firstReturn))
                    .max(Instant::compareTo).orElse(TestConfigs.START);
            // no events dated in the time the user was away: everything after its churn is after its return
            assertThat(own.stream().map(LogEvent::timestamp)
                    .filter(t -> t.isAfter(lastBefore.plusSeconds(86_400)) && t.isBefore(firstReturn))).isEmpty();
        }
    }

    @Test
    @DisplayName("a run with resurrections stopped and resumed anywhere equals the unbroken run")
    void resumable() {
        SimulationConfig config = TestConfigs.population(DAILY_CHURN, 3, 3, 3, 0).toBuilder()
                .population(p -> p.initialCount(3).targetMinCount(3).targetMaxCount(3).resurrectionProbability(0.2))
                .build();
        Instant end = TestConfigs.START.plusSeconds(4 * 86_400);
        MemorySink unbroken = TestConfigs.runUntil(config, end, new InMemoryStateStore());
        InMemoryStateStore store = new InMemoryStateStore();
        List<LogEvent> split = new ArrayList<>();
        for (int hour : new int[] {7, 30, 31, 55, 96}) {
            split.addAll(TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(hour * 3600L), store).logEvents());
        }
        assertThat(split).isEqualTo(unbroken.logEvents());
    }

    @Test
    @DisplayName("sessions running far past midnight never upset the daily engagement cadence")
    void longSessions() {
        ProfileConfig night = TestConfigs.boringGuy().sessionCount(1, 1).sessionLengthSeconds(40_000, 43_200)
                .sessionHourlyStartProbabilities(java.util.Collections.nCopies(24, 1.0))
                .sessionEngagement(e -> e.initial(0.9, 1).changeProbability(0.5).boostProbability(0.5)
                        .decayProbability(0.5).change(0.01, 0.05))
                .build();
        MemorySink sink = TestConfigs.runUntil(TestConfigs.population(night, 10, 10, 10, 0),
                TestConfigs.START.plusSeconds(40 * 86_400), new InMemoryStateStore());
        assertThat(sink.logEvents()).isNotEmpty();
    }
}
