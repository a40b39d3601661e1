package dev.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.config.EngagementConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.spi.SimulationListener;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Statistical properties of whole simulations (fixed seeds, so the outcomes are stable). */
class StatisticsTest {
    private static final List<Double> DAY_SHAPE = List.of(0.1, 0.1, 0.15, 0.15, 0.2, 0.2, 0.25, 0.3, 0.3, 0.3, 0.3,
            0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.25, 0.2, 0.2, 0.15, 0.15, 0.1, 0.0);

    private static ProfileConfig.Builder steadyUser() {
        return TestConfigs.boringGuy().sessionCount(1, 3).sessionLengthSeconds(60, 60)
                .sessionHourlyStartProbabilities(DAY_SHAPE);
    }

    @Test
    @DisplayName("session start hours follow session_hourly_start_probabilities (chi-square, p > 0.001)")
    void startHours() {
        SimulationConfig config = TestConfigs.population(steadyUser().build(), 200, 200, 200, 0);
        List<LogEvent> logs = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(20 * 86_400),
                new InMemoryStateStore()).logEvents();
        long[] observed = new long[23];
        for (LogEvent e : logs) {
            if ("login".equals(e.action())) {
                int hour = Micros.hourOfDay(e.timeMicros());
                assertThat(hour).isLessThan(23);
                observed[hour]++;
            }
        }
        double[] expected = new double[23];
        for (int h = 0; h < 23; h++) {
            expected[h] = DAY_SHAPE.get(h);
        }
        assertThat(new ChiSquareTest().chiSquareTest(expected, observed)).isGreaterThan(0.001);
        assertThat(java.util.Arrays.stream(observed).sum()).isGreaterThan(5000);
    }

    @Test
    @DisplayName("sessions per engaged day follow round(min + (max - min) * U): 1, 2, 3 in proportions 1:2:1")
    void sessionCounts() {
        SimulationConfig config = TestConfigs.population(steadyUser().sessionEngagementCountFactor(0).build(),
                200, 200, 200, 0);
        Map<Integer, Integer> histogram = sessionsPerDay(config);
        long[] observed = {histogram.getOrDefault(1, 0), histogram.getOrDefault(2, 0), histogram.getOrDefault(3, 0)};
        assertThat(histogram.keySet()).containsOnly(1, 2, 3);
        assertThat(new ChiSquareTest().chiSquareTest(new double[] {1, 2, 1}, observed)).isGreaterThan(0.001);
    }

    @Test
    @DisplayName("the count factor scales the random part by engagement (D22): engagement 0.5, factor 1 gives 1 or 2")
    void countFactor() {
        ProfileConfig profile = steadyUser().sessionEngagementCountFactor(1.0)
                .sessionEngagement(EngagementConfig.builder().initial(0.5, 0.5).changeProbability(0).build()).build();
        Map<Integer, Integer> histogram = sessionsPerDay(TestConfigs.population(profile, 200, 200, 200, 0));
        assertThat(histogram.keySet()).containsOnly(1, 2);
        assertThat(new ChiSquareTest().chiSquareTest(new double[] {1, 1},
                new long[] {histogram.get(1), histogram.get(2)})).isGreaterThan(0.001);
    }

    private static Map<Integer, Integer> sessionsPerDay(SimulationConfig config) {
        List<LogEvent> logs = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(10 * 86_400),
                new InMemoryStateStore()).logEvents();
        Map<String, Integer> perUserDay = new HashMap<>();
        for (LogEvent e : logs) {
            if ("login".equals(e.action())) {
                perUserDay.merge(e.userId() + "/" + Micros.epochDay(e.timeMicros()), 1, Integer::sum);
            }
        }
        Map<Integer, Integer> histogram = new HashMap<>();
        perUserDay.values().forEach(n -> histogram.merge(n, 1, Integer::sum));
        return histogram;
    }

    @Test
    @DisplayName("with churn, the active population stays near its target band 50..100 over 60 days")
    void populationBand() {
        SimulationConfig config = ExampleConfigs.mixedPopulation(75).toBuilder()
                .population(p -> p.initialCount(75).targetMinCount(50).targetMaxCount(100).volatility(0.1)).build();
        List<Integer> active = new ArrayList<>();
        int[] churned = {0};
        Simulation.builder().config(config).addSink(new MemorySink()).end(TestConfigs.START.plusSeconds(60 * 86_400))
                .addListener(new SimulationListener() {
                    @Override
                    public void stepFinished(StepSummary step) {
                        active.add(step.activeUsers());
                    }

                    @Override
                    public void userChurned(String platformUuid, java.time.Instant at) {
                        churned[0]++;
                    }
                }).build().run();
        assertThat(churned[0]).isGreaterThan(50);
        assertThat(active).allMatch(n -> n >= 35 && n <= 130);
        double mean = active.stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(mean).isBetween(50.0, 100.0);
    }
}
