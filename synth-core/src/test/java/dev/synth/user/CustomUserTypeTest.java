package dev.synth.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.Simulation;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.Block;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A host application's own kind of user, registered under a user_type name and named from YAML. */
class CustomUserTypeTest {

    /** Watches one episode a day and stops after three; remembers how many it watched. */
    static final class Subscriber extends User {
        int episodes;

        Subscriber(UserIdentity identity, ProfileConfig profile) {
            super(identity, profile);
        }

        @Override
        protected void generate(Window window) {
            if (episodes < 3) {
                episodes++;
                long at = window.startMicros() + window.random().nextInt(20) * Micros.PER_HOUR;
                window.log(at, "stream", Block.CORE, true, Props.of("episode", episodes));
            }
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        protected JsonNode saveState(ObjectMapper mapper) {
            return mapper.createObjectNode().put("episodes", episodes);
        }

        @Override
        protected void restoreState(JsonNode state, ObjectMapper mapper) {
            episodes = state.path("episodes").asInt();
        }
    }

    private static final String YAML = """
            global:
              organisation: "tv"
              project: "pilot"
              seed: 3
              start_ts: "2000-01-01 00:00:00"
              end_ts: "2000-01-06 00:00:00"
            users:
              population:
                initial_count: 2
                target_min_count: 2
                target_max_count: 2
              profiles:
                viewer:
                  user_type: "subscriber"
                  occurrence_probability: 1.0
            """;

    @Test
    @DisplayName("a registered user type from YAML produces its own events, and its state survives a resume")
    void subscriber() {
        SimulationConfig config = SimulationConfig.fromYaml(YAML, "tv.yml");
        MemorySink unbroken = new MemorySink();
        Simulation.builder().config(config).registerUserType("subscriber", Subscriber::new).addSink(unbroken).build()
                .run();
        List<LogEvent> streams = unbroken.logEvents().stream().filter(e -> e.type().equals("stream")).toList();
        assertThat(streams).hasSize(6);
        assertThat(streams).extracting(e -> e.props().get("episode")).containsOnly(1, 2, 3);

        InMemoryStateStore store = new InMemoryStateStore();
        List<LogEvent> split = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            MemorySink part = new MemorySink();
            Simulation.builder().config(config).registerUserType("subscriber", Subscriber::new).stateStore(store)
                    .addSink(part).end(TestConfigs.START.plusSeconds(day * 86_400L)).build().run();
            split.addAll(part.logEvents());
        }
        assertThat(split).isEqualTo(unbroken.logEvents());
    }
}
