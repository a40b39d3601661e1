package dev.synth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.ConfigException;
import dev.synth.Simulation;
import dev.synth.config.PopulationConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import dev.synth.spi.UserRecord;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A population split into shards")
class ShardsTest {
    private static final RunKey RUN = new RunKey("demo_org", "demo_proj");
    private static final Instant END = TestConfigs.START.plusSeconds(4 * 86_400L);

    private static SimulationConfig sharded(SimulationConfig config, int shards) {
        return TestConfigs.withGlobal(config, g -> g.shards(shards));
    }

    private record Output(List<LogEvent> logs, List<CatalogEvent> catalogs) {
    }

    private static Output run(SimulationConfig config, int threads, InMemoryStateStore store, Instant end) {
        MemorySink sink = new MemorySink();
        Simulation.builder().config(config).stateStore(store).addSink(sink).threads(threads).end(end).build().run();
        return new Output(sink.logEvents(), sink.catalogEvents());
    }

    @Test
    @DisplayName("writes the same events in the same order on 1, 2 and 4 threads (session users and shoppers)")
    void sameOutputForEveryThreadCount() {
        for (SimulationConfig base : List.of(ExampleConfigs.mixedPopulation(40), ExampleConfigs.shoppers(24, true))) {
            SimulationConfig config = sharded(base, 8);
            Output one = run(config, 1, new InMemoryStateStore(), END);
            assertThat(one.logs()).hasSizeGreaterThan(1000);
            for (int threads : new int[] {2, 4}) {
                Output other = run(config, threads, new InMemoryStateStore(), END);
                assertThat(other.logs()).as("log events on %d threads", threads).isEqualTo(one.logs());
                assertThat(other.catalogs()).as("catalog events on %d threads", threads).isEqualTo(one.catalogs());
            }
        }
    }

    @Test
    @DisplayName("releases each step's events in time order, whichever shard they come from")
    void timeOrder() {
        Output out = run(sharded(ExampleConfigs.mixedPopulation(40), 8), 2, new InMemoryStateStore(), END);
        List<Long> times = out.logs().stream().map(LogEvent::timeMicros).toList();
        assertThat(times).isSorted();
    }

    @Test
    @DisplayName("splits initial, minimum and maximum counts evenly, the first shards taking the remainder")
    void splitRule() {
        PopulationConfig population = PopulationConfig.builder().initialCount(10).targetMinCount(7).targetMaxCount(13)
                .build();
        List<PopulationConfig> shares = IntStream.range(0, 4).mapToObj(k -> population.forShard(k, 4)).toList();
        assertThat(shares).extracting(PopulationConfig::initialCount).containsExactly(3, 3, 2, 2);
        assertThat(shares).extracting(PopulationConfig::targetMinCount).containsExactly(2, 2, 2, 1);
        assertThat(shares).extracting(PopulationConfig::targetMaxCount).containsExactly(4, 3, 3, 3);
        assertThat(population.forShard(0, 1)).isEqualTo(population);
    }

    @Test
    @DisplayName("gives every shard its share of users, whose ordinals carry the shard")
    void ordinalsCarryTheShard() {
        SimulationConfig config = sharded(TestConfigs.population(TestConfigs.boringGuy().build(), 10, 10, 10, 0), 4);
        InMemoryStateStore store = new InMemoryStateStore();
        run(config, 2, store, TestConfigs.START.plusSeconds(3600));
        RunSnapshot snapshot = store.load(RUN).orElseThrow();
        Map<Long, Integer> perShard = new TreeMap<>();
        for (UserRecord record : snapshot.activeUsers()) {
            perShard.merge(record.ordinal() % 4, 1, Integer::sum);
        }
        assertThat(perShard).containsExactly(Map.entry(0L, 3), Map.entry(1L, 3), Map.entry(2L, 2), Map.entry(3L, 2));
        assertThat(snapshot.activeUsers()).extracting(UserRecord::ordinal)
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    @DisplayName("stopped and resumed, writes what an unbroken run writes")
    void resumeWithShards() {
        SimulationConfig config = sharded(ExampleConfigs.shoppers(24, true), 8);
        Output unbroken = run(config, 2, new InMemoryStateStore(), END);
        InMemoryStateStore store = new InMemoryStateStore();
        List<LogEvent> logs = new ArrayList<>();
        List<CatalogEvent> catalogs = new ArrayList<>();
        for (long hours : new long[] {7, 30, 31, 77, 96}) {
            Output part = run(config, 2, store, TestConfigs.START.plusSeconds(hours * 3600));
            logs.addAll(part.logs());
            catalogs.addAll(part.catalogs());
        }
        assertThat(logs).isEqualTo(unbroken.logs());
        assertThat(catalogs).isEqualTo(unbroken.catalogs());
    }

    @Test
    @DisplayName("refuses to resume a stored run with a different number of shards, naming both")
    void shardCountIsKept() {
        SimulationConfig config = ExampleConfigs.mixedPopulation(20);
        InMemoryStateStore store = new InMemoryStateStore();
        run(sharded(config, 2), 2, store, TestConfigs.START.plusSeconds(3600));
        // the run's identity (R1) includes global.shards, so the refusal names both values and how to start over
        assertThatThrownBy(() -> run(sharded(config, 4), 2, store, END))
                .isInstanceOf(dev.synth.RunMismatchException.class)
                .hasMessageContaining("global.shards is 4, but the stored run was started with 2");
    }

    @Test
    @DisplayName("must be between 1 and 4096")
    void shardsAreValidated() {
        for (int bad : new int[] {0, 4097}) {
            assertThatThrownBy(() -> Simulation.builder().config(sharded(ExampleConfigs.mixedPopulation(5), bad))
                    .build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("global.shards was " + bad);
        }
        assertThatThrownBy(() -> Simulation.builder().threads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads was 0");
    }
}
