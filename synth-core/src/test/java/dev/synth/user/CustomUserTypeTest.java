package dev.synth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.ConfigException;
import dev.synth.Simulation;
import dev.synth.config.ConfigProblem;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.engine.DriverExtension;
import dev.synth.engine.DriverExtensionProvider;
import dev.synth.engine.StepContext;
import dev.synth.event.Block;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * A football fan with its own settings, event types and block: watches {@code matches_per_week} matches a
     * week (at most), cheering {@code cheers_per_match} times - all in Instants and Durations.
     */
    static class Fan extends User {
        static final Block SPORTS = Block.of("sports");

        Fan(UserIdentity identity, ProfileConfig profile) {
            super(identity, profile);
        }

        @Override
        protected void generate(Window window) {
            var settings = profile().settings();
            if (window.random().nextDouble() * 7 >= settings.number("matches_per_week")) {
                return;
            }
            Instant kickOff = window.start().plus(Duration.ofHours(settings.integer("kick_off_hour")));
            window.log(kickOff, "match", SPORTS, true, Props.of("team", settings.string("team")));
            for (int i = 1; i <= settings.integer("cheers_per_match"); i++) {
                window.log(kickOff.plus(Duration.ofMinutes(10L * i)), "cheer", SPORTS, true, Props.of("n", i));
            }
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        protected JsonNode saveState(ObjectMapper mapper) {
            return mapper.createObjectNode();
        }

        @Override
        protected void restoreState(JsonNode state, ObjectMapper mapper) {
        }
    }

    /** The fan's type: its settings with defaults, its event types, one rule of its own. */
    static class FanType implements UserTypeProvider {
        @Override
        public String type() {
            return "fan";
        }

        @Override
        public UserFactory factory() {
            return Fan::new;
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("team", "Rovers");
            s.put("matches_per_week", 2);
            s.put("kick_off_hour", 15);
            s.put("cheers_per_match", 3);
            return s;
        }

        @Override
        public Map<String, Map<String, Object>> eventTypes() {
            return Map.of("match", Map.of(), "cheer", Map.of("volume_min", 1, "volume_max", 10));
        }

        @Override
        public List<ConfigProblem> validate(ProfileConfig profile, String path) {
            int hour = profile.settings().integer("kick_off_hour");
            return hour <= 23 ? List.of()
                    : List.of(new ConfigProblem(path + ".settings.kick_off_hour", hour, "must be an hour, 0-23"));
        }
    }

    private static final String FANS = """
            global:
              organisation: "club"
              project: "fans"
              seed: 5
              start_ts: "2000-01-01 00:00:00"
              end_ts: "2000-01-15 00:00:00"
            users:
              population: {initial_count: 3, target_min_count: 3, target_max_count: 3}
              profiles:
                default:
                  user_type: "fan"
                  settings: {matches_per_week: 7}
                ultra:
                  occurrence_probability: 1.0
                  settings: {team: "United", cheers_per_match: 5}
                  events:
                    cheer: {properties: {volume_min: 4}}
            """;

    @Test
    @DisplayName("a user type's own settings come from YAML with its defaults and the default profile's values")
    void ownSettings() {
        MemorySink sink = new MemorySink();
        Simulation simulation = Simulation.builder().config(SimulationConfig.fromYaml(FANS, "fans.yml"))
                .registerUserType(new FanType()).addSink(sink).build();
        simulation.run();

        assertThat(simulation.config().profiles().get("ultra").settings().values()).containsExactly(
                Map.entry("team", "United"), Map.entry("matches_per_week", 7), Map.entry("kick_off_hour", 15),
                Map.entry("cheers_per_match", 5));
        List<LogEvent> matches = sink.logEvents().stream().filter(e -> e.type().equals("match")).toList();
        assertThat(matches).hasSize(3 * 14).allSatisfy(e -> {
            assertThat(e.block()).isSameAs(Fan.SPORTS);
            assertThat(e.block().wireName()).isEqualTo("sports");
            assertThat(e.props()).containsEntry("team", "United");
            assertThat(e.timestamp().atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(15);
        });
        assertThat(sink.logEvents().stream().filter(e -> e.type().equals("cheer"))).hasSize(5 * 3 * 14);
    }

    @Test
    @DisplayName("a misspelt setting, a value of the wrong kind, an unknown event type and the type's own rule are "
            + "reported with their key paths, like the built-in settings")
    void ownSettingsValidated() {
        String yaml = FANS.replace("settings: {team: \"United\", cheers_per_match: 5}",
                        "settings: {team: 7, cheers_per_mach: 5, kick_off_hour: 25}")
                .replace("cheer: {properties: {volume_min: 4}}", "cheer: {properties: {volume_min: 40}}\n"
                        + "        chear: {properties: {}}");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> Simulation.builder()
                .config(SimulationConfig.fromYaml(yaml, "fans.yml")).registerUserType(new FanType()).build());

        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "users.profiles.ultra.events.chear is not an event type of user type fan (one of cheer, match); "
                        + "did you mean cheer?",
                "users.profiles.ultra.events.cheer.properties.volume_min was 40 but must be <= volume_max "
                        + "(10, its default)",
                "users.profiles.ultra.settings.team was 7 but must be a string",
                "users.profiles.ultra.settings.cheers_per_mach is not a setting of user type fan (one of "
                        + "cheers_per_match, kick_off_hour, matches_per_week, team); did you mean cheers_per_match?");

        String ruleBroken = FANS.replace("cheers_per_match: 5", "kick_off_hour: 25");
        ConfigException rule = catchThrowableOfType(ConfigException.class, () -> Simulation.builder()
                .config(SimulationConfig.fromYaml(ruleBroken, "fans.yml")).registerUserType(new FanType()).build());
        assertThat(rule.problems()).extracting(ConfigProblem::message)
                .containsExactly("users.profiles.ultra.settings.kick_off_hour was 25 but must be an hour, 0-23");
    }

    @Test
    @DisplayName("a type registered with a factory only accepts no settings and the content event types")
    void factoryOnlyDeclaresNothing() {
        SimulationConfig config = SimulationConfig.fromYaml(YAML.replace("occurrence_probability: 1.0",
                "occurrence_probability: 1.0\n      settings: {speed: 2}"), "tv.yml");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> Simulation.builder().config(config).registerUserType("subscriber", Subscriber::new).build());
        assertThat(e.problems()).extracting(ConfigProblem::message)
                .containsExactly("users.profiles.viewer.settings.speed is not a setting: user type subscriber has none");
    }

    @Test
    @DisplayName("settings can be given in Java too, and an extension added by the host hears the users' messages")
    void settingsInJavaAndAnExtension() {
        SimulationConfig config = SimulationConfig.fromYaml(FANS, "fans.yml").toBuilder()
                .addProfile(SimulationConfig.fromYaml(FANS, "fans.yml").profiles().get("ultra").toBuilder()
                        .setting("cheers_per_match", 1).setting("team", "City").build())
                .build();
        List<String> heard = new ArrayList<>();
        DriverExtensionProvider counter = DriverExtensionProvider.of("counter", env -> new DriverExtension() {
            @Override
            public String name() {
                return "counter";
            }

            @Override
            public void onMessage(UserMessage message, StepContext step) {
                heard.add(message.message() + "@" + message.time());
            }
        });
        MemorySink sink = new MemorySink();
        Simulation.builder().config(config).registerUserType(new FanType() {
            @Override
            public UserFactory factory() {
                return (identity, profile) -> new Fan(identity, profile) {
                    @Override
                    protected void generate(Window window) {
                        super.generate(window);
                        window.signal(window.start().plus(Duration.ofHours(17)), "full time");
                    }
                };
            }
        }).addExtension(counter).addSink(sink).build().run();

        assertThat(sink.logEvents()).filteredOn(e -> e.type().equals("match"))
                .allSatisfy(e -> assertThat(e.props()).containsEntry("team", "City"));
        assertThat(sink.logEvents()).filteredOn(e -> e.type().equals("cheer")).hasSize(3 * 14);
        assertThat(heard).hasSize(3 * 14).allMatch(h -> h.startsWith("full time@2000-01-"))
                .allMatch(h -> h.endsWith("T17:00:00Z"));
    }
}
