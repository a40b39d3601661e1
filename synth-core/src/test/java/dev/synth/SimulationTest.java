package dev.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static final SimulationConfig CONFIG = ExampleConfigs.mixedPopulation(20);
    private static final SimulationConfig SHOPPERS = ExampleConfigs.shoppers(12, true);
    private static final Instant END = TestConfigs.START.plusSeconds(4 * 86_400);

    private static MemorySink run(SimulationConfig config, long seed, Instant end) {
        MemorySink sink = new MemorySink();
        Simulation.builder().config(config).seed(seed).addSink(sink).end(end).build().run();
        return sink;
    }

    @Test
    @DisplayName("the same configuration and seed give identical events; another seed gives other events")
    void deterministic() {
        MemorySink a = run(CONFIG, 1, END);
        MemorySink b = run(CONFIG, 1, END);
        MemorySink c = run(CONFIG, 2, END);
        assertThat(a.logEvents()).hasSizeGreaterThan(1000).isEqualTo(b.logEvents());
        assertThat(a.catalogEvents()).isEqualTo(b.catalogEvents());
        assertThat(a.logEvents()).isNotEqualTo(c.logEvents());
    }

    @Test
    @DisplayName("events come out in time order, every catalog entry once, every user registered once")
    void ordering() {
        MemorySink sink = run(CONFIG, 3, END);
        List<LogEvent> logs = sink.logEvents();
        for (int i = 1; i < logs.size(); i++) {
            assertThat(logs.get(i).timeMicros()).isGreaterThanOrEqualTo(logs.get(i - 1).timeMicros());
        }
        List<String> uuids = sink.catalogEvents().stream().map(c -> String.valueOf(
                c.data().getOrDefault("uuid", c.data().get("platform_uuid")))).toList();
        assertThat(uuids).doesNotHaveDuplicates();
        long registrations = logs.stream().filter(e -> "register".equals(e.action())).count();
        long userEntries = sink.catalogEvents().stream().filter(c -> c.subjectType().equals("user")).count();
        assertThat(registrations).isEqualTo(userEntries).isGreaterThanOrEqualTo(20);
        assertThat(logs).allMatch(e -> e.timestamp().isBefore(END));
    }

    @Property(tries = 12)
    @Label("a run stopped at any steps and resumed gives the same events as one unbroken run")
    void resumeAnywhere(@ForAll @Size(min = 1, max = 4) @UniqueElements List<@IntRange(min = 1, max = 95) Integer> stops) {
        Instant end = TestConfigs.START.plusSeconds(4 * 86_400);
        MemorySink unbroken = run(CONFIG, 9, end);
        InMemoryStateStore store = new InMemoryStateStore();
        List<LogEvent> logs = new ArrayList<>();
        List<CatalogEvent> catalogs = new ArrayList<>();
        List<Integer> hours = new ArrayList<>(stops);
        hours.sort(null);
        hours.add(96);
        for (int hour : hours) {
            MemorySink part = new MemorySink();
            Simulation.builder().config(CONFIG).seed(9).stateStore(store).addSink(part)
                    .end(TestConfigs.START.plusSeconds(hour * 3600L)).build().run();
            logs.addAll(part.logEvents());
            catalogs.addAll(part.catalogEvents());
        }
        assertThat(logs).isEqualTo(unbroken.logEvents());
        assertThat(catalogs).isEqualTo(unbroken.catalogEvents());
    }

    @Property(tries = 10)
    @Label("shoppers: a run stopped at any steps and resumed gives the same events as one unbroken run")
    void resumeAnywhereWithShoppers(
            @ForAll @Size(min = 1, max = 4) @UniqueElements List<@IntRange(min = 1, max = 95) Integer> stops) {
        Instant end = TestConfigs.START.plusSeconds(4 * 86_400);
        MemorySink unbroken = run(SHOPPERS, 9, end);
        InMemoryStateStore store = new InMemoryStateStore();
        List<LogEvent> logs = new ArrayList<>();
        List<CatalogEvent> catalogs = new ArrayList<>();
        List<Integer> hours = new ArrayList<>(stops);
        hours.sort(null);
        hours.add(96);
        for (int hour : hours) {
            MemorySink part = new MemorySink();
            Simulation.builder().config(SHOPPERS).seed(9).stateStore(store).addSink(part)
                    .end(TestConfigs.START.plusSeconds(hour * 3600L)).build().run();
            logs.addAll(part.logEvents());
            catalogs.addAll(part.catalogEvents());
        }
        assertThat(unbroken.logEvents()).anyMatch(e -> e.type().equals("delivery"))
                .anyMatch(e -> e.type().equals("cancel_checkout")).anyMatch(e -> e.type().equals("promo"));
        assertThat(logs).isEqualTo(unbroken.logEvents());
        assertThat(catalogs).isEqualTo(unbroken.catalogEvents());
    }

    @Test
    @DisplayName("a stored run is not resumed with another seed: refused, naming global.seed; the stored run stays")
    void anotherSeedIsRefused() {
        InMemoryStateStore store = new InMemoryStateStore();
        Instant half = TestConfigs.START.plusSeconds(2 * 86_400);
        MemorySink first = new MemorySink();
        Simulation.builder().config(CONFIG).seed(5).stateStore(store).addSink(first).end(half).build().run();
        MemorySink refused = new MemorySink();
        assertThatThrownBy(() -> Simulation.builder().config(CONFIG).seed(6).stateStore(store).addSink(refused)
                .end(END).build().run())
                .isInstanceOf(RunMismatchException.class)
                .hasMessageContaining("global.seed is 6, but the stored run was started with 5");
        assertThat(refused.logEvents()).isEmpty();
        MemorySink second = new MemorySink();
        SimulationResult r2 = Simulation.builder().config(CONFIG).seed(5).stateStore(store).addSink(second).end(END)
                .build().run();
        assertThat(r2.resumed()).isTrue();
        List<LogEvent> all = new ArrayList<>(first.logEvents());
        all.addAll(second.logEvents());
        assertThat(all).isEqualTo(run(CONFIG, 5, END).logEvents());
    }

    @Test
    @DisplayName("a profile that needs content events but has none is refused when the simulation is built (D27)")
    void missingEventProbabilities() {
        SimulationConfig config = TestConfigs.singleUser(TestConfigs.boringGuy().eventProbabilities(java.util.Map.of())
                .build());
        assertThatThrownBy(() -> Simulation.builder().config(config).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("users.profiles.boring_guy.event_probabilities");
    }

    @Test
    @DisplayName("an unknown user type is refused at build time, naming the profile")
    void unknownUserType() {
        SimulationConfig config = TestConfigs.singleUser(TestConfigs.boringGuy().userType("gamer").build());
        assertThatThrownBy(() -> Simulation.builder().config(config).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("users.profiles.boring_guy.user_type").hasMessageContaining("gamer");
    }
}
