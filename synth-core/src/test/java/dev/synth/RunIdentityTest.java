package dev.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.config.SimulationConfig;
import dev.synth.engine.Human;
import dev.synth.engine.RunIdentity;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A stored run knows the configuration it was started with; a changed one is refused, not silently resumed. */
class RunIdentityTest {
    private static final SimulationConfig CONFIG = ExampleConfigs.mixedPopulation(10);
    private static final Instant MID = TestConfigs.START.plusSeconds(86_400);
    private static final Instant END = TestConfigs.START.plusSeconds(2 * 86_400);

    private static SimulationResult run(SimulationConfig config, InMemoryStateStore store, MemorySink sink, Instant end) {
        return Simulation.builder().config(config).seed(3).stateStore(store).addSink(sink).end(end).build().run();
    }

    private static SimulationConfig withInitialCount(SimulationConfig config, int count) {
        return config.toBuilder().population(config.population().toBuilder().initialCount(count).build()).build();
    }

    @Test
    @DisplayName("resuming with another users.population.initial_count is refused, naming the key, both values and how to start over")
    void changedKeyIsRefused() {
        InMemoryStateStore store = new InMemoryStateStore();
        run(CONFIG, store, new MemorySink(), MID);
        MemorySink sink = new MemorySink();
        assertThatThrownBy(() -> run(withInitialCount(CONFIG, 11), store, sink, END))
                .isInstanceOf(RunMismatchException.class)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("users.population.initial_count is 11, but the stored run was started with 10")
                .hasMessageContaining("--fresh")
                .hasMessageContaining("Simulation.builder().fresh()");
        assertThat(sink.logEvents()).isEmpty();
    }

    @Test
    @DisplayName("a later end, other sinks or output files do not change a run's identity: it resumes")
    void endAndOutputsAreNotIdentity() {
        InMemoryStateStore store = new InMemoryStateStore();
        run(CONFIG, store, new MemorySink(), MID);
        SimulationConfig elsewhere = TestConfigs.withGlobal(CONFIG, g -> g.sinkTypes(java.util.List.of("memory"))
                .logEventsFilename("x.csv").apiKey("other").endTs(END.plusSeconds(86_400)));
        SimulationResult second = run(elsewhere, store, new MemorySink(), END);
        assertThat(second.resumed()).isTrue();
        assertThat(second.completed()).isTrue();
        assertThat(RunIdentity.of(CONFIG)).containsKey("users.population.initial_count")
                .containsKey("global.start_ts").doesNotContainKeys("global.end_ts", "global.db_uri", "global.api_key", "global.output_dir");
    }

    @Test
    @DisplayName("a run already at its end writes nothing and says so, with how to start over")
    void alreadyAtItsEnd() {
        InMemoryStateStore store = new InMemoryStateStore();
        SimulationResult first = run(CONFIG, store, new MemorySink(), END);
        assertThat(first.status()).isEqualTo(SimulationResult.Status.COMPLETED);
        assertThat(first.reason()).startsWith("reached its end");
        MemorySink sink = new MemorySink();
        SimulationResult again = run(CONFIG, store, sink, END);
        assertThat(sink.logEvents()).isEmpty();
        assertThat(again.completed()).isTrue();
        assertThat(again.reason()).contains("already at its end", "--fresh");
        assertThat(again.summary()).contains("completed: already at its end");
    }

    @Test
    @DisplayName("fresh() deletes the stored run and starts over: the events equal a first run's")
    void freshStartsOver() {
        InMemoryStateStore store = new InMemoryStateStore();
        MemorySink first = new MemorySink();
        run(CONFIG, store, first, END);
        MemorySink changed = new MemorySink();
        SimulationResult fresh = Simulation.builder().config(withInitialCount(CONFIG, 11)).seed(3).stateStore(store)
                .addSink(changed).end(END).fresh().build().run();
        assertThat(fresh.resumed()).isFalse();
        assertThat(changed.logEvents()).isNotEmpty();
        MemorySink again = new MemorySink();
        SimulationResult back = Simulation.builder().config(CONFIG).seed(3).stateStore(store).addSink(again).end(END)
                .fresh().build().run();
        assertThat(back.resumed()).isFalse();
        assertThat(again.logEvents()).isEqualTo(first.logEvents());
        assertThat(again.catalogEvents()).isEqualTo(first.catalogEvents());
    }

    @Test
    @DisplayName("a configuration built in Java without a db_uri keeps its state in memory: two runs write the same events")
    void javaBuiltIsInMemory() {
        assertThat(CONFIG.global().dbUri()).isEqualTo(Simulation.IN_MEMORY_URI);
        MemorySink a = new MemorySink();
        MemorySink b = new MemorySink();
        Simulation.builder().config(CONFIG).seed(3).addSink(a).end(MID).build().run();
        SimulationResult second = Simulation.builder().config(CONFIG).seed(3).addSink(b).end(MID).build().run();
        assertThat(second.resumed()).isFalse();
        assertThat(a.logEvents()).isNotEmpty().isEqualTo(b.logEvents());
    }

    @Test
    @DisplayName("a stopped run says it stopped and why; the summary uses thousands separators and human durations")
    void stoppedAndSummary() {
        Simulation[] holder = new Simulation[1];
        holder[0] = Simulation.builder().config(CONFIG).seed(3).addSink(new MemorySink()).end(END)
                .addListener(new dev.synth.spi.SimulationListener() {
                    @Override
                    public void stepFinished(StepSummary step) {
                        holder[0].stop();
                    }
                }).build();
        SimulationResult r = holder[0].run();
        assertThat(r.status()).isEqualTo(SimulationResult.Status.STOPPED);
        assertThat(r.completed()).isFalse();
        assertThat(r.reason()).contains("stop requested");
        assertThat(r.summary()).contains("stopped: stop requested").contains("memory wrote");
        assertThat(Human.count(19_844)).isEqualTo("19,844");
        assertThat(Human.duration(Duration.ofMinutes(107))).isEqualTo("1h 47m");
        assertThat(Human.duration(Duration.ofHours(547))).isEqualTo("22d 19h");
        assertThat(Human.duration(Duration.ofMillis(3200))).isEqualTo("3.2 s");
        assertThat(Human.percent(0.452)).isEqualTo("45.2%");
    }
}
