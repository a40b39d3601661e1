package dev.synth.config;

import static dev.synth.config.ConfigFixtures.problemsOf;
import static dev.synth.config.ConfigFixtures.withProfiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.synth.ConfigException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A configuration with mistakes")
class ConfigProblemsTest {

    private static List<String> paths(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::path).toList();
    }

    @Test
    @DisplayName("that is not valid YAML gives one problem with its line and column")
    void malformedYaml() {
        List<ConfigProblem> problems = problemsOf("""
                users:
                  population: {initial_count: 1
                  profiles: {}
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).matches("line \\d+, column \\d+");
            assertThat(p.rule()).startsWith("is not valid YAML: ");
        });
    }

    @Test
    @DisplayName("with a key written twice in one mapping is not valid YAML")
    void duplicateKey() {
        List<ConfigProblem> problems = problemsOf("""
                global:
                  api_key: a
                  api_key: b
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).matches("line 3, column \\d+");
            assertThat(p.rule()).contains("duplicate key 'api_key'");
        });
    }

    @Test
    @DisplayName("using YAML aliases is refused instead of being read as the anchor's name")
    void aliases() {
        List<ConfigProblem> problems = problemsOf("""
                global:
                  organisation: &org acme
                  project: *org
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).startsWith("line 3, ");
            assertThat(p.rule()).contains("alias *org");
        });
    }

    @Test
    @DisplayName("that is missing gives an exception naming the file")
    void missingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.yml");
        assertThatThrownBy(() -> SimulationConfig.fromYaml(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    @DisplayName("with an unknown key names the key and its section, and suggests a close match")
    void unknownKey() {
        List<ConfigProblem> problems = problemsOf(withProfiles("""
                short:
                  sesion_min_count: 2
                  nudges:
                    checks_per_week: 1
                """));
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "users.profiles.short.sesion_min_count is not a known key of the profile section "
                        + "(users.profiles.short); did you mean session_min_count?",
                "users.profiles.short.nudges.checks_per_week is not a known key of the nudges section "
                        + "(users.profiles.short.nudges)");
    }

    @Test
    @DisplayName("with unknown keys in global, population, users and catalogs reports each of them")
    void unknownKeysEverywhere() {
        List<ConfigProblem> problems = problemsOf("""
                global: {colour: red}
                users:
                  extra: 1
                  population: {size: 3}
                  profiles: {}
                catalogs:
                  drug: {count: 3}
                  spaceship: {target_count: 1}
                """);
        assertThat(paths(problems)).containsExactly("global.colour", "users.extra", "users.population.size",
                "catalogs.drug.count", "catalogs.spaceship");
        assertThat(problems.get(3).rule()).contains("catalog section");
        assertThat(problems.get(4).rule()).startsWith("is not a catalog type");
    }

    @Test
    @DisplayName("with a value of the wrong type names the path and the expected type")
    void wrongTypes() {
        List<ConfigProblem> problems = problemsOf("""
                global:
                  sink_types: csv
                  use_nudges: "yes please"
                  start_ts: yesterday
                  api_key: 42
                users:
                  population:
                    initial_count: 2.5
                    volatility: high
                  profiles:
                    short:
                      session_engagement: [0.1, 0.2]
                      event_probabilities: [page]
                      product_user_type: tablet
                """);
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "global.sink_types was 'csv' but must be a list of strings",
                "global.use_nudges was 'yes please' but must be true or false",
                "global.start_ts was 'yesterday' but must be a UTC timestamp like \"2020-01-01 00:00:00\" "
                        + "or \"2020-01-01T00:00:00Z\"",
                "global.api_key was 42 but must be a string (put it in quotes)",
                "users.population.initial_count was 2.5 but must be a whole number",
                "users.population.volatility was 'high' but must be a number",
                "users.profiles.short.session_engagement was [0.1, 0.2] but must be a mapping of engagement settings",
                "users.profiles.short.event_probabilities was [page] but must be a mapping of names to numbers",
                "users.profiles.short.product_user_type was 'tablet' but must be web or mobile");
    }

    @Test
    @DisplayName("accepts whole numbers wherever numbers are expected (D27)")
    void integersAreNumbers() {
        SimulationConfig config = SimulationConfig.fromYaml(withProfiles("""
                short:
                  occurrence_probability: 1
                  event_probabilities: {page: 1, video: 0}
                  session_min_count: 2.0
                  session_max_count: 3
                """), "test.yml");
        ProfileConfig p = config.profiles().get("short");
        assertThat(p.occurrenceProbability()).isEqualTo(1.0);
        assertThat(p.eventProbabilities()).containsEntry("page", 1.0).containsEntry("video", 0.0);
        assertThat(p.sessionMinCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("with a probability out of range names the path, the value and the range")
    void probabilityOutOfRange() {
        List<ConfigProblem> problems = problemsOf(withProfiles("""
                short:
                  online_probability: 1.5
                  behaviour:
                    purchase:
                      detail_probability: -0.1
                """));
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "users.profiles.short.online_probability was 1.5 but must be between 0 and 1",
                "users.profiles.short.behaviour.purchase.detail_probability was -0.1 but must be between 0 and 1");
    }

    @Test
    @DisplayName("without users.population or users.profiles names the missing section")
    void missingSections() {
        assertThat(problemsOf("users:\n  profiles: {}\n")).extracting(ConfigProblem::message)
                .containsExactly("users.population is required");
        assertThat(problemsOf("users:\n  population: {}\n")).extracting(ConfigProblem::message)
                .containsExactly("users.profiles is required");
        assertThat(problemsOf("global: {}\n")).extracting(ConfigProblem::path).containsExactly("users");
    }

    @Test
    @DisplayName("that ends before it starts is refused")
    void endBeforeStart() {
        List<ConfigProblem> problems = problemsOf("""
                global:
                  start_ts: "2020-02-01 00:00:00"
                  end_ts: "2020-01-01 00:00:00"
                """ + withProfiles("{}"));
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "global.end_ts was 2020-01-01T00:00:00Z but must be after global.start_ts (2020-02-01T00:00:00Z)");
    }

    @Test
    @DisplayName("with a minimum above its maximum is refused, also against a generator default")
    void minAboveMax() {
        List<ConfigProblem> problems = problemsOf(withProfiles("""
                short:
                  session_min_count: 4
                  session_max_count: 2
                  nudges: {checks_per_day_min: 3}
                  events:
                    page: {properties: {duration_seconds_max: 10}}
                  behaviour:
                    purchase: {views_per_session_min: 6}
                """) + """
                catalogs:
                  promo:
                    properties: {item_min_count: 5, item_max_count: 2}
                """);
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "users.profiles.short.session_min_count was 4 but must be <= session_max_count (2)",
                "users.profiles.short.nudges.checks_per_day_min was 3 but must be <= checks_per_day_max (1)",
                "users.profiles.short.events.page.properties.duration_seconds_max was 10 but must be >= "
                        + "duration_seconds_min (30, its default)",
                "users.profiles.short.behaviour.purchase.views_per_session_min was 6 but must be <= "
                        + "views_per_session_max (5)",
                "catalogs.promo.properties.item_min_count was 5 but must be <= item_max_count (2)");
    }

    @Test
    @DisplayName("with 23 hourly start weights is refused")
    void hourlyListLength() {
        String hours = "[" + "1, ".repeat(22) + "1]";
        List<ConfigProblem> problems = problemsOf(withProfiles("short:\n  session_hourly_start_probabilities: "
                + hours + "\n"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("users.profiles.short.session_hourly_start_probabilities");
            assertThat(p.rule()).isEqualTo("must have exactly 24 values (one per hour), not 23");
        });
    }

    @Test
    @DisplayName("with a wrong value in the default profile reports it once, where it is written")
    void inheritedProblemReportedOnce() {
        List<ConfigProblem> problems = problemsOf(withProfiles("""
                default:
                  session_min_count: 0
                  unknown_thing: 1
                a:
                b:
                c:
                  session_min_count: 0
                """));
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "users.profiles.default.unknown_thing is not a known key of the profile section "
                        + "(users.profiles.default)",
                "users.profiles.a.session_min_count was 0 but must be >= 1",
                "users.profiles.b.session_min_count was 0 but must be >= 1",
                "users.profiles.c.session_min_count was 0 but must be >= 1");
        List<ConfigProblem> once = problemsOf(withProfiles("""
                default:
                  session_min_count: 0
                a:
                b:
                """) + "catalogs:\n  default: {target_count: -1}\n");
        assertThat(once).extracting(ConfigProblem::message).containsExactly(
                "users.profiles.default.session_min_count was 0 but must be >= 1",
                "catalogs.default.target_count was -1 but must be >= 0");
    }

    @Test
    @DisplayName("with several mistakes reports all of them in one exception")
    void allProblemsAtOnce() {
        String yaml = """
                global:
                  start_ts: "2021-01-01 00:00:00"
                  end_ts: "2020-01-01 00:00:00"
                  rating_probability: 2
                  colour: blue
                users:
                  population:
                    volatility: 1.5
                  profiles:
                    short:
                      session_min_count: 0
                      session_day_of_week_probabilities: [1, 1, 1]
                      event_probabilities: {page: -1, chess: 1}
                      nudges:
                        response_probabilities: {open: 1, ignore: 1}
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SimulationConfig.fromYaml(yaml, "several.yml"));
        assertThat(paths(e.problems())).containsExactlyInAnyOrder(
                "global.colour",
                "global.end_ts",
                "global.rating_probability",
                "users.population.volatility",
                "users.profiles.short.session_min_count",
                "users.profiles.short.session_day_of_week_probabilities",
                "users.profiles.short.event_probabilities.page",
                "users.profiles.short.nudges.response_probabilities.ignore");
        assertThat(e.getMessage()).startsWith("invalid configuration several.yml: 8 problems")
                .contains("users.profiles.short.session_min_count was 0 but must be >= 1");
    }

    @Test
    @DisplayName("accepts the keys that the reference reads but never uses, and ignores unknown top-level sections")
    void acceptedUnusedKeys() {
        SimulationConfig config = SimulationConfig.fromYaml("""
                notes: {author: someone}
                global:
                  env: production
                users:
                  max_session_length_minutes: 60
                  population: {}
                  profiles:
                    short:
                      session_event_type_changes_min: 1
                      session_event_type_changes_max: 2
                      events:
                        page:
                          properties: {page_view_duration_variance: 0.1, anything: {nested: [1, 2]}}
                """, "test.yml");
        assertThat(config.global().env()).isEqualTo("production");
        assertThat(config.profiles().get("short").sessionEventTypeChangesMax()).isEqualTo(2);
        assertThat(config.profiles().get("short").event("page").properties())
                .containsKey("page_view_duration_variance").containsKey("anything");
    }

    @Test
    @DisplayName("accepts any user type name at load time, leaving the check to the run (validateForRun)")
    void customUserTypeLoads() {
        SimulationConfig config = SimulationConfig.fromYaml(withProfiles("""
                mine:
                  user_type: my_custom_user
                """), "test.yml");
        assertThat(config.profiles().get("mine").userType()).isEqualTo("my_custom_user");
    }

    @Test
    @DisplayName("refuses event types, response actions and shop item types that do not exist")
    void unknownNames() {
        String yaml = withProfiles("""
                short:
                  events:
                    podcast: {properties: {}}
                  behaviour:
                    purchase:
                      catalog_type_probabilities: {page: 1, spaceship: 1, drug: 1}
                """);
        assertThat(problemsOf(yaml)).extracting(ConfigProblem::path).containsExactly(
                "users.profiles.short.behaviour.purchase.catalog_type_probabilities.page",
                "users.profiles.short.behaviour.purchase.catalog_type_probabilities.spaceship");
        SimulationConfig config = SimulationConfig.fromYaml(withProfiles("""
                short:
                  events:
                    podcast: {properties: {}}
                """), "test.yml");
        assertThat(config.validateForRun(ConfigFixtures.USER_TYPES, ConfigFixtures.SINK_TYPES))
                .extracting(ConfigProblem::message).contains("users.profiles.short.events.podcast is not an event type "
                        + "of user type session_engagement (one of audio, exam, image, module, page, rate, search, "
                        + "video)");
    }

    @Test
    @DisplayName("refuses weights that are all zero, but allows empty event probabilities")
    void zeroWeights() {
        List<ConfigProblem> problems = problemsOf(withProfiles("""
                short:
                  event_probabilities: {page: 0, video: 0}
                  session_hourly_start_probabilities: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
                  nudges:
                    response_probabilities: {}
                """));
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "users.profiles.short.event_probabilities must not be all zero",
                "users.profiles.short.session_hourly_start_probabilities was "
                        + Collections.nCopies(24, 0.0) + " but must not be all zero",
                "users.profiles.short.nudges.response_probabilities must not be empty");
    }

    @Test
    @DisplayName("refuses a seed that does not fit in 64 bits")
    void seedRange() {
        assertThat(problemsOf("global: {seed: 18446744073709551616}\n" + withProfiles("{}")))
                .extracting(ConfigProblem::path).containsExactly("global.seed");
    }
}
