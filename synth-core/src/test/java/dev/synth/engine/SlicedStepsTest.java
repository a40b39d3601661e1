package dev.synth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.Simulation;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Props;
import dev.synth.spi.EventSink;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A busy step released and written in slices")
class SlicedStepsTest {
    private static final Instant END = TestConfigs.START.plusSeconds(3 * 86_400L);

    /** Keeps what it is given and counts the writes of each step. */
    private static final class CountingSink implements EventSink {
        final List<LogEvent> logs = new ArrayList<>();
        final List<CatalogEvent> catalogs = new ArrayList<>();
        final List<Integer> writesPerStep = new ArrayList<>();
        int writes;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
            assertThat(logEvents).extracting(LogEvent::timeMicros).isSorted();
            logs.addAll(logEvents);
            catalogs.addAll(catalogEvents);
            writes++;
        }

        @Override
        public String commit() {
            writesPerStep.add(writes);
            writes = 0;
            return Integer.toString(writesPerStep.size());
        }
    }

    private static Simulation.Builder builder(SimulationConfig config, int sliceEvents, CountingSink sink,
            InMemoryStateStore store, Instant end) {
        return Simulation.builder().config(config).stateStore(store).addSink(sink).threads(2).end(end)
                .sliceEvents(sliceEvents);
    }

    private static CountingSink run(SimulationConfig config, int sliceEvents) {
        CountingSink sink = new CountingSink();
        builder(config, sliceEvents, sink, new InMemoryStateStore(), END).build().run();
        return sink;
    }

    private static List<SimulationConfig> configs() {
        ProfileConfig local = TestConfigs.boringGuy().sessionCount(1, 3).sessionLengthSeconds(60, 900)
                .timeZones(Map.of("Asia/Kolkata", 0.5, "America/New_York", 0.5)).build();
        SimulationConfig localTime = TestConfigs.population(local, 150, 100, 200, 0.2);
        SimulationConfig mixed = ExampleConfigs.mixedPopulation(150);
        return List.of(mixed, TestConfigs.withGlobal(mixed, g -> g.shards(4)), localTime,
                TestConfigs.withGlobal(localTime, g -> g.shards(3)));
    }

    @Test
    @DisplayName("writes what a step written whole writes, in the same order (session users, local time, shards)")
    void sameOutput() {
        for (SimulationConfig config : configs()) {
            CountingSink whole = run(config, Integer.MAX_VALUE);
            CountingSink sliced = run(config, 1);
            assertThat(whole.logs).hasSizeGreaterThan(1000);
            assertThat(whole.writesPerStep).containsOnly(1);
            assertThat(sliced.writesPerStep).as("writes per step").hasSize(whole.writesPerStep.size())
                    .allMatch(n -> n > 1);
            assertThat(sliced.logs).isEqualTo(whole.logs);
            assertThat(sliced.catalogs).isEqualTo(whole.catalogs);
        }
    }

    @Test
    @DisplayName("stopped and resumed between sliced steps, writes what an unbroken run writes")
    void resume() {
        SimulationConfig config = ExampleConfigs.mixedPopulation(150);
        CountingSink unbroken = run(config, 1);
        InMemoryStateStore store = new InMemoryStateStore();
        CountingSink parts = new CountingSink();
        for (long hours : new long[] {5, 29, 30, 72}) {
            builder(config, 1, parts, store, TestConfigs.START.plusSeconds(hours * 3600)).build().run();
        }
        assertThat(parts.logs).isEqualTo(unbroken.logs);
        assertThat(parts.catalogs).isEqualTo(unbroken.catalogs);
    }

    @Test
    @DisplayName("writes each step whole while an extension watches the users (shoppers' orders)")
    void notWhileWatched() {
        CountingSink shoppers = run(ExampleConfigs.shoppers(40, true), 1);
        assertThat(shoppers.logs).isNotEmpty();
        assertThat(shoppers.writesPerStep).containsOnly(1);

        DriverExtension watcher = () -> "watcher";
        CountingSink sink = new CountingSink();
        builder(ExampleConfigs.mixedPopulation(40), 1, sink, new InMemoryStateStore(), END)
                .addExtension(DriverExtensionProvider.of("watcher", env -> watcher)).build().run();
        assertThat(sink.writesPerStep).containsOnly(1);
    }

    @Test
    @DisplayName("refuses an extension that says it does not watch users but schedules into a written slice")
    void refusesALateEvent() {
        DriverExtension liar = new DriverExtension() {
            @Override
            public String name() {
                return "liar";
            }

            @Override
            public boolean watchesUsers() {
                return false;
            }

            @Override
            public void afterUsers(StepContext step) {
                step.schedule(step.stepStartMicros(), -1, new LogEvent("u", "d", step.stepStartMicros(), true,
                        "page", Block.CORE, Props.of("action", "view"), 1000, 1000));
            }
        };
        assertThatThrownBy(() -> builder(ExampleConfigs.mixedPopulation(40), 1, new CountingSink(),
                new InMemoryStateStore(), END).addExtension(DriverExtensionProvider.of("liar", env -> liar)).build()
                .run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("watchesUsers() false");
    }
}
