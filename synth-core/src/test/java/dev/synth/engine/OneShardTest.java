package dev.synth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.ConfigException;
import dev.synth.Simulation;
import dev.synth.StateStoreException;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A shard simulated on its own (Simulation.Builder.shard)")
class OneShardTest {
    private static final Instant END = TestConfigs.START.plusSeconds(4 * 86_400L);

    private static Simulation.Builder builder(SimulationConfig config, InMemoryStateStore store, MemorySink sink) {
        return Simulation.builder().config(config).stateStore(store).addSink(sink).threads(1);
    }

    /** Each user's events in their order, by user id. */
    private static Map<String, List<LogEvent>> byUser(List<LogEvent> events) {
        Map<String, List<LogEvent>> users = new LinkedHashMap<>();
        for (LogEvent e : events) {
            users.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
        }
        return users;
    }

    @Test
    @DisplayName("gives, over all shards each advanced in several parts, the events of the whole run")
    void shardsOneByOne() {
        for (SimulationConfig base : List.of(ExampleConfigs.mixedPopulation(40), ExampleConfigs.shoppers(24, true))) {
            SimulationConfig config = TestConfigs.withGlobal(base, g -> g.shards(4));
            MemorySink whole = new MemorySink();
            builder(config, new InMemoryStateStore(), whole).end(END).build().run();
            List<LogEvent> logs = new ArrayList<>();
            List<CatalogEvent> catalogs = new ArrayList<>();
            for (int k = 3; k >= 0; k--) {
                InMemoryStateStore store = new InMemoryStateStore();
                for (long hours : new long[] {5, 24, 25, 60, 96}) {
                    MemorySink part = new MemorySink();
                    builder(config, store, part).shard(k).end(TestConfigs.START.plusSeconds(hours * 3600)).build()
                            .run();
                    logs.addAll(part.logEvents());
                    catalogs.addAll(part.catalogEvents());
                }
            }
            assertThat(whole.logEvents()).hasSizeGreaterThan(1000);
            assertThat(logs).containsExactlyInAnyOrderElementsOf(whole.logEvents());
            assertThat(byUser(logs)).isEqualTo(byUser(whole.logEvents()));
            assertThat(catalogs).containsExactlyInAnyOrderElementsOf(whole.catalogEvents());
        }
    }

    @Test
    @DisplayName("refuses a shard index outside global.shards, naming it")
    void shardOutOfRange() {
        SimulationConfig config = TestConfigs.withGlobal(ExampleConfigs.mixedPopulation(4), g -> g.shards(2));
        assertThatThrownBy(() -> Simulation.builder().config(config).shard(2).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("shard").hasMessageContaining("2");
    }

    @Test
    @DisplayName("refuses a store that holds another shard, or the whole run")
    void storeHoldsOneShard() {
        SimulationConfig config = TestConfigs.withGlobal(ExampleConfigs.mixedPopulation(8), g -> g.shards(2));
        InMemoryStateStore store = new InMemoryStateStore();
        Instant hour = TestConfigs.START.plusSeconds(3600);
        builder(config, store, new MemorySink()).shard(0).end(hour).build().run();
        assertThatThrownBy(() -> builder(config, store, new MemorySink()).shard(1).end(END).build().run())
                .isInstanceOf(StateStoreException.class).hasMessageContaining("shard 0")
                .hasMessageContaining("shard 1");
        assertThatThrownBy(() -> builder(config, store, new MemorySink()).end(END).build().run())
                .isInstanceOf(StateStoreException.class).hasMessageContaining("all shards");
    }
}
