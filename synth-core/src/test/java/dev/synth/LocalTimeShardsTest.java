package dev.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Local time with the population split into shards and simulated on several threads. */
@DisplayName("Users in local time, on shards and threads")
class LocalTimeShardsTest {
    private static final Instant START = Instant.parse("2025-12-20T00:00:00Z");
    private static final List<Double> SHAPE = List.of(0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 0.8, 0.6,
            1.0, 0.6, 0.5, 0.5, 0.6, 0.8, 1.0, 1.2, 1.4, 1.0, 0.5, 0.2);

    private static SimulationConfig config(int shards) {
        ProfileConfig profile = TestConfigs.boringGuy().sessionCount(1, 3).sessionLengthSeconds(60, 60)
                .sessionHourlyStartProbabilities(SHAPE).holidayActivityFactor(0.2)
                .timeZones(Map.of("Asia/Kolkata", 0.5, "America/New_York", 0.5)).build();
        return TestConfigs.withGlobal(TestConfigs.population(profile, 400, 400, 400, 0),
                g -> g.startTs(START).endTs(START.plusSeconds(86_400)).shards(shards));
    }

    private static MemorySink run(SimulationConfig config, int threads) {
        MemorySink sink = new MemorySink();
        Simulation.builder().config(config).stateStore(new InMemoryStateStore()).addSink(sink).threads(threads)
                .end(START.plusSeconds(8 * 86_400L)).build().run();
        return sink;
    }

    @Test
    @DisplayName("4 shards on 1 or 3 threads write the same events, and local hours still fit (chi-square)")
    void sameEventsOnAnyThreadCount() {
        MemorySink one = run(config(4), 1);
        MemorySink three = run(config(4), 3);
        assertThat(three.logEvents()).isEqualTo(one.logEvents());
        assertThat(three.catalogEvents()).isEqualTo(one.catalogEvents());

        Map<String, ZoneId> zones = new java.util.HashMap<>();
        one.catalogEvents().stream().filter(e -> e.type() == dev.synth.event.CatalogType.USER).forEach(e ->
                zones.put((String) e.data().get("platform_uuid"), ZoneId.of((String) e.data().get("timezone"))));
        long[] local = new long[24];
        for (LogEvent e : one.logEvents()) {
            if ("login".equals(e.action())) {
                local[LocalDateTime.ofInstant(e.timestamp(), zones.get(e.userId())).getHour()]++;
            }
        }
        double[] expected = SHAPE.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(new ChiSquareTest().chiSquareTest(expected, local)).isGreaterThan(0.001);
    }
}
