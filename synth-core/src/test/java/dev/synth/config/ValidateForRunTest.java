package dev.synth.config;

import static dev.synth.config.ConfigFixtures.SINK_TYPES;
import static dev.synth.config.ConfigFixtures.USER_TYPES;
import static dev.synth.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The checks made before a run (validateForRun)")
class ValidateForRunTest {

    private static List<ConfigProblem> forRun(SimulationConfig config) {
        return config.validateForRun(USER_TYPES, SINK_TYPES);
    }

    private static SimulationConfig withProfile(ProfileConfig profile) {
        return SimulationConfig.builder().addProfile(profile).build();
    }

    @Test
    @DisplayName("refuse session_engagement_user.yaml: four choosable session profiles have no event probabilities")
    void sessionEngagementExampleCannotRun() {
        SimulationConfig config = load("session_engagement_user.yaml");
        assertThat(config.validate()).isEmpty();
        assertThat(forRun(config)).extracting(ConfigProblem::path).containsExactly(
                "users.profiles.average.event_probabilities",
                "users.profiles.long.event_probabilities",
                "users.profiles.loyal.event_probabilities",
                "users.profiles.short.event_probabilities");
        assertThat(forRun(config).get(0).rule()).contains("occurrence_probability > 0");
    }

    @Test
    @DisplayName("accept the example project and the other test files")
    void examplesCanRun() {
        assertThat(forRun(load("example_project.yml"))).isEmpty();
        assertThat(forRun(load("inherited_user.yaml"))).isEmpty();
        assertThat(forRun(load("purchase_engagement_user.yaml"))).isEmpty();
    }

    @Test
    @DisplayName("name unknown user types and sink types with what is available")
    void unknownNames() {
        SimulationConfig config = SimulationConfig.builder()
                .global(g -> g.sinkTypes(List.of("csv", "kafka")))
                .addProfile(ProfileConfig.builder("x").userType("robot").occurrenceProbability(1).build())
                .build();
        assertThat(forRun(config)).extracting(ConfigProblem::message).containsExactly(
                "global.sink_types[1] was 'kafka' but is not an available sink type (available: csv, http, memory)",
                "users.profiles.x.user_type was 'robot' but is not an available user type (available: "
                        + "event_per_period, purchase_engagement, session_engagement)");
        assertThat(config.validateForRun(List.of(() -> "robot"), Set.of("csv", "kafka"))).isEmpty();
    }

    @Test
    @DisplayName("require event probabilities only of profiles that can be chosen and generate content events")
    void contentEvents() {
        ProfileConfig perPeriod = ProfileConfig.builder("p").userType("event_per_period").occurrenceProbability(1)
                .build();
        assertThat(forRun(withProfile(perPeriod))).extracting(ConfigProblem::path)
                .containsExactly("users.profiles.p.event_probabilities");
        assertThat(forRun(withProfile(perPeriod.toBuilder().eventProbability("page", 1).build()))).isEmpty();

        ProfileConfig shopper = ProfileConfig.builder("p").userType("purchase_engagement").occurrenceProbability(1)
                .build();
        assertThat(forRun(withProfile(shopper))).as("no normal content").isEmpty();
        assertThat(forRun(withProfile(shopper.toBuilder().behaviour(b -> b.normalEventProbability(0.5)).build())))
                .extracting(ConfigProblem::path).containsExactly("users.profiles.p.event_probabilities");

        ProfileConfig neverChosen = ProfileConfig.builder("p").build();
        assertThat(SimulationConfig.builder().population(PopulationConfig.builder().targetMinCount(0)
                .targetMaxCount(0).build()).addProfile(neverChosen).build()
                .validateForRun(USER_TYPES, SINK_TYPES)).isEmpty();
    }

    @Test
    @DisplayName("require a choosable profile when users are to be created")
    void someProfileMustBeChoosable() {
        assertThat(forRun(withProfile(ProfileConfig.builder("p").eventProbability("page", 1).build())))
                .extracting(ConfigProblem::path).containsExactly("users.profiles");
        assertThat(forRun(SimulationConfig.builder().build())).extracting(ConfigProblem::path)
                .containsExactly("users.profiles");
    }
}
