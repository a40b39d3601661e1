package dev.synth.variable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.config.EngagementConfig;
import dev.synth.config.PopulationConfig;
import dev.synth.event.Micros;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reference 4.2, 4.3 and 9.8. */
class ManagersTest {

    @Test
    @DisplayName("the population walk from 100 within 1..200 (volatility 0.05) explores both halves in 1200 days")
    void populationWalk() {
        PopulationConfig config = PopulationConfig.builder().initialCount(100).targetMinCount(1).targetMaxCount(200)
                .volatility(0.05).build();
        PopulationManager manager = new PopulationManager(config, 0, 100);
        RandomStreams streams = new RandomStreams(0);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int day = 1; day <= 1200; day++) {
            manager.advanceTo(day * Micros.PER_DAY, streams);
            min = Math.min(min, manager.current());
            max = Math.max(max, manager.current());
        }
        assertThat(min).isBetween(1L, 99L);
        assertThat(max).isBetween(100L, 199L);
        assertThat(manager.lastUpdateMicros()).isEqualTo(1200 * Micros.PER_DAY);
    }

    @Test
    @DisplayName("a pinned band keeps the population at its minimum; advancing twice within a day does nothing")
    void pinned() {
        PopulationConfig config = PopulationConfig.builder().initialCount(10).targetMinCount(5).targetMaxCount(5)
                .volatility(0.5).build();
        PopulationManager manager = new PopulationManager(config, 0, 10);
        assertThat(manager.advanceTo(Micros.PER_DAY - 1, new RandomStreams(1))).isZero();
        assertThat(manager.current()).isEqualTo(10);
        assertThat(manager.advanceTo(Micros.PER_DAY, new RandomStreams(1))).isEqualTo(1);
        assertThat(manager.current()).isEqualTo(5);
        assertThat(manager.advanceTo(Micros.PER_DAY + 3600, new RandomStreams(1))).isZero();
    }

    @Test
    @DisplayName("engagement 1.0 decaying by 0.2 a day is 0.8 after a day, then 0.6 ...")
    void decay() {
        EngagementConfig config = EngagementConfig.builder().initial(1, 1).changeProbability(1).boostProbability(0)
                .decayProbability(1).change(0.2, 0.2).build();
        SimRandom random = new RandomStreams(0).stream(1);
        double level = Engagement.initialLevel(config, random);
        for (int day = 1; day <= 4; day++) {
            level = Engagement.applyDaily(level, Engagement.dailyDelta(config, random));
            assertThat(level).isCloseTo(1 - 0.2 * day, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    @DisplayName("engagement of 50 managers in five shapes stays within [0,1] for 320 days; churned stays 0")
    void bounded() {
        EngagementConfig[] shapes = {
            EngagementConfig.builder().changeProbability(0.9).boostProbability(0).decayProbability(0.9).change(0.5, 1).build(),
            EngagementConfig.builder().changeProbability(0.6).boostProbability(0.2).decayProbability(0.8).change(0.1, 0.2).build(),
            EngagementConfig.builder().changeProbability(0.5).boostProbability(0.35).decayProbability(0.65).change(0.05, 0.15).build(),
            EngagementConfig.builder().changeProbability(0.25).boostProbability(0.45).decayProbability(0.55).change(0.02, 0.1).build(),
            EngagementConfig.builder().changeProbability(0.1).boostProbability(0.9).decayProbability(0.1).change(0.5, 1).build()};
        RandomStreams streams = new RandomStreams(11);
        for (int s = 0; s < shapes.length; s++) {
            for (int m = 0; m < 10; m++) {
                SimRandom random = streams.stream(s, m);
                double level = Engagement.initialLevel(shapes[s], random);
                boolean churned = false;
                for (int day = 0; day < 320; day++) {
                    level = Engagement.applyDaily(level, Engagement.dailyDelta(shapes[s], random));
                    assertThat(level).isBetween(0.0, 1.0);
                    if (churned) {
                        assertThat(level).isZero();
                    }
                    churned |= !Engagement.isActive(level);
                }
            }
        }
    }
}
