package dev.synth.testing;

import dev.synth.Simulation;
import dev.synth.config.EngagementConfig;
import dev.synth.config.GlobalConfig;
import dev.synth.config.PopulationConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.MemorySink;
import dev.synth.spi.StateStore;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Test fixtures in the spirit of the reference's conftest (reference 9): run demo_org/demo_proj from
 * 2000-01-01 with one profile {@code boring_guy} - always chosen, one session a day, online half of the
 * time, engagement fixed at 1.0, only page views.
 */
public final class TestConfigs {
    public static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    private TestConfigs() {
    }

    public static ProfileConfig.Builder boringGuy() {
        return ProfileConfig.builder("boring_guy")
                .occurrenceProbability(1.0)
                .sessionCount(1, 1)
                .onlineProbability(0.5)
                .sessionEngagement(EngagementConfig.builder().initial(1.0, 1.0).changeProbability(0.0).build())
                .eventProbabilities(Map.of("page", 1.0));
    }

    /** One user of the given profile, from {@link #START}. */
    public static SimulationConfig singleUser(ProfileConfig profile) {
        return population(profile, 1, 1, 1, 0.05);
    }

    public static SimulationConfig population(ProfileConfig profile, int initial, int min, int max, double volatility) {
        return SimulationConfig.builder()
                .global(GlobalConfig.builder().organisation("demo_org").project("demo_proj").startTs(START)
                        .endTs(START.plusSeconds(86_400)).seed(0).build())
                .population(PopulationConfig.builder().initialCount(initial).targetMinCount(min).targetMaxCount(max)
                        .volatility(volatility).build())
                .addProfile(profile)
                .build();
    }

    public static SimulationConfig withGlobal(SimulationConfig config, UnaryOperator<GlobalConfig.Builder> change) {
        return config.toBuilder().global(change.apply(config.global().toBuilder()).build()).build();
    }

    /** Runs {@code config} until {@code end} into a new memory sink, keeping state in {@code store}. */
    public static MemorySink runUntil(SimulationConfig config, Instant end, StateStore store) {
        MemorySink sink = new MemorySink();
        Simulation.builder().config(config).stateStore(store).addSink(sink).end(end).build().run();
        return sink;
    }
}
