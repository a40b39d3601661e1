package dev.synth.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.Simulation;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventSchemaTest {
    private static final String START = "<!-- event-schema:start (generated from EventSchema.markdown(); EventSchemaTest) -->";
    private static final String END = "<!-- event-schema:end -->";

    @Test
    @DisplayName("every log event of real runs (sessions, shoppers, nudges, promotions) matches the declared schema")
    void runsMatchTheSchema() {
        List<SimulationConfig> configs = List.of(
                TestConfigs.withGlobal(ExampleConfigs.mixedPopulation(40), g -> g.useNudges(true).usePromotions(true)),
                TestConfigs.withGlobal(ExampleConfigs.shoppers(40, true), g -> g.useNudges(true).usePromotions(true)),
                SimulationConfig.fromYaml(Path.of("src/test/resources/config/example_project.yml")));
        Set<String> seenTypes = new TreeSet<>();
        Set<String> problems = new TreeSet<>();
        for (SimulationConfig c : configs) {
            MemorySink sink = new MemorySink();
            Simulation.builder().config(c.toBuilder().global(c.global().toBuilder().dbUri(Simulation.IN_MEMORY_URI)
                            .sinkTypes(List.of()).build()).build())
                    .seed(5).addSink(sink).stateStore(new InMemoryStateStore())
                    .end(c.global().startTs().plusSeconds(10 * 86_400)).build().run();
            for (LogEvent e : sink.logEvents()) {
                seenTypes.add(e.type());
                var declared = EventSchema.of(e.type());
                if (declared.isEmpty()) {
                    problems.add(e.type() + " is not declared");
                    continue;
                }
                if (!declared.get().block().equals(e.block())) {
                    problems.add(e.type() + " has block " + e.block() + ", declared " + declared.get().block());
                }
                for (Map.Entry<String, Object> p : e.props().entrySet()) {
                    var prop = declared.get().prop(p.getKey());
                    if (prop.isEmpty()) {
                        problems.add(e.type() + "." + p.getKey() + " is not declared");
                    } else if (!prop.get().type().matches(p.getValue())) {
                        problems.add(e.type() + "." + p.getKey() + " holds " + p.getValue().getClass().getSimpleName()
                                + ", declared " + prop.get().type().jsonName());
                    }
                }
                for (EventSchema.Prop p : declared.get().props()) {
                    if (!p.optional() && !e.props().containsKey(p.name())) {
                        problems.add(e.type() + "." + p.name() + " is missing");
                    }
                }
                if (!declared.get().actions().isEmpty() && e.action() != null
                        && !declared.get().actions().contains(e.action())) {
                    problems.add(e.type() + " has action " + e.action() + ", not declared");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(seenTypes).as("the runs cover every declared type")
                .containsAll(EventSchema.logEventTypes().stream().map(EventSchema.EventType::name).toList());
    }

    @Test
    @DisplayName("the README's table of log event types is the one EventSchema generates")
    void readmeHoldsTheGeneratedTable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the marker " + START).isNotNegative();
        assertThat(end).isGreaterThan(start);
        assertThat(readme.substring(start + START.length(), end).strip())
                .as("README table (regenerate it from EventSchema.markdown())")
                .isEqualTo(EventSchema.markdown().strip());
    }
}
