package dev.synth.config;

import static dev.synth.config.ConfigFixtures.load;
import static dev.synth.config.ConfigFixtures.path;
import static dev.synth.config.ConfigFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.ConfigException;
import dev.synth.event.CatalogType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configurations built in Java")
class BuilderTest {

    /** inherited_user.yaml, written in Java. */
    /** The one default that differs: YAML keeps state in a SQLite file beside the file, Java in memory. */
    private static SimulationConfig yamlDefaults(SimulationConfig built) {
        assertThat(built.global().dbUri()).isEqualTo(GlobalConfig.IN_MEMORY_DB_URI);
        return built.toBuilder().global(built.global().toBuilder().dbUri(GlobalConfig.DEFAULT_DB_URI).build()).build();
    }

    private static SimulationConfig inheritedUser() {
        ProfileConfig base = ProfileConfig.builder("default")
                .sessionLengthMaxSeconds(1800)
                .occurrenceProbability(0.1)
                .eventProbability("page", 0.7)
                .eventProbability("video", 0.0)
                .build();
        ProfileConfig simple = base.toBuilder()
                .name("simple")
                .occurrenceProbability(0.05)
                .sessionEngagement(e -> e.initial(0.05, 0.1).changeProbability(1.0).boostProbability(0.0)
                        .decayProbability(0.9).change(1.0, 1.0))
                .build();
        return SimulationConfig.builder()
                .global(g -> g.organisation("demo").project("project")
                        .startTs(Instant.parse("2001-01-01T00:00:00Z")).endTs(null).apiKey("a very secret key"))
                .population(p -> p.initialCount(200).targetMinCount(100).targetMaxCount(300).volatility(0.05))
                .addProfile(simple)
                .build();
    }

    /** purchase_engagement_user.yaml, written in Java. */
    private static SimulationConfig purchaseUser() {
        EngagementConfig drift = EngagementConfig.builder().initial(0.05, 0.1).changeProbability(1.0)
                .boostProbability(0.0).decayProbability(0.9).change(1.0, 1.0).build();
        ProfileConfig base = ProfileConfig.builder("default")
                .userType("purchase_engagement")
                .behaviour(b -> b.purchase(p -> p.interestCatalogRangeMin(0.2).interestCatalogRangeMax(0.3)
                        .interestPerItemMin(0.1).interestPerItemMax(0.2)
                        .catalogTypeProbabilities(Map.of(CatalogType.OXYGEN, 1.0))))
                .build();
        return SimulationConfig.builder()
                .global(g -> g.addSinkType("csv").apiKey("a very secret key").dbUri("sqlite:///:memory:")
                        .organisation("demo").project("demo").logEventsFilename("/tmp/ingest.csv")
                        .catalogEventsFilename("/tmp/ingest_catalog.csv")
                        .startTs(Instant.parse("2020-01-01T00:00:00Z")).endTs(Instant.parse("2020-02-01T00:00:00Z")))
                .population(p -> p.initialCount(200))
                .addProfile(base.toBuilder().name("one_time").occurrenceProbability(0.6)
                        .sessionEngagement(drift).purchaseEngagement(drift).build())
                .addProfile(base.toBuilder().name("short").userType("session_engagement")
                        .behaviour(b -> b.purchase(p -> p.interestCatalogRangeMin(0.8).interestCatalogRangeMax(0.9)
                                .catalogTypeProbabilities(Map.of(CatalogType.BLOOD, 1.0))))
                        .build())
                .allCatalogs(new CatalogConfig(10, Map.of()))
                .catalog(CatalogType.DRUG, new CatalogConfig(50, Map.of()))
                .build();
    }

    @Test
    @DisplayName("equal the same configuration loaded from YAML")
    void roundTrip() {
        assertThat(yamlDefaults(inheritedUser())).isEqualTo(
                SimulationConfig.fromYaml(text("inherited_user.yaml"), "inherited"));
        assertThat(purchaseUser()).isEqualTo(
                SimulationConfig.fromYaml(text("purchase_engagement_user.yaml"), "purchase"));
        assertThat(purchaseUser().hashCode()).isEqualTo(
                SimulationConfig.fromYaml(text("purchase_engagement_user.yaml"), "purchase").hashCode());
    }

    @Test
    @DisplayName("remember the file they were loaded from, and resolve relative paths against its folder")
    void sourceFile() {
        Path file = path("inherited_user.yaml");
        SimulationConfig loaded = load("inherited_user.yaml");
        assertThat(loaded.sourceFile()).contains(file);
        assertThat(loaded).isEqualTo(yamlDefaults(inheritedUser()).toBuilder().sourceFile(file).build());
        assertThat(loaded.catalogDirectory()).isEqualTo(file.getParent().resolve("data/catalog"));
        assertThat(loaded.resolve("/abs/dir")).isEqualTo(Path.of("/abs/dir"));
        assertThat(inheritedUser().catalogDirectory()).isEqualTo(Path.of("data/catalog"));
    }

    @Test
    @DisplayName("round-trip through toBuilder unchanged")
    void toBuilder() {
        SimulationConfig config = load("example_project.yml");
        assertThat(config.toBuilder().build()).isEqualTo(config);
        config.profiles().values().forEach(p -> assertThat(p.toBuilder().build()).isEqualTo(p));
        assertThat(config.global().toBuilder().build()).isEqualTo(config.global());
    }

    @Test
    @DisplayName("can be invalid, and validate() lists the same problems as loading the YAML would")
    void validateProgrammatic() {
        SimulationConfig config = SimulationConfig.builder()
                .global(g -> g.ratingProbability(1.5))
                .population(p -> p.volatility(-1))
                .addProfile(ProfileConfig.builder("short").sessionMinCount(0)
                        .sessionHourlyStartProbabilities(Collections.nCopies(23, 1.0)).build())
                .build();
        List<ConfigProblem> problems = config.validate();
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "global.rating_probability was 1.5 but must be between 0 and 1",
                "users.population.volatility was -1.0 but must be between 0 and 1",
                "users.profiles.short.session_min_count was 0 but must be >= 1",
                "users.profiles.short.session_hourly_start_probabilities was " + Collections.nCopies(23, 1.0)
                        + " but must have exactly 24 values (one per hour), not 23");
        assertThat(ConfigFixtures.problemsOf("""
                global: {rating_probability: 1.5}
                users:
                  population: {volatility: -1}
                  profiles:
                    short:
                      session_min_count: 0
                      session_hourly_start_probabilities: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]
                """)).isEqualTo(problems);
        assertThatThrownBy(config::requireValid).isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 problems");
    }

    @Test
    @DisplayName("flag a profile stored under another name or under the reserved name default")
    void profileKeys() {
        ProfileConfig a = ProfileConfig.builder("a").build();
        SimulationConfig config = new SimulationConfig(GlobalConfig.defaults(), PopulationConfig.defaults(),
                Map.of("b", a, "default", ProfileConfig.builder("default").build()), Map.of());
        assertThat(config.validate()).extracting(ConfigProblem::path)
                .containsExactly("users.profiles.b.name", "users.profiles.default");
    }

    @Test
    @DisplayName("are immutable: later changes to builders or input collections do not leak in")
    void immutability() {
        List<Double> hourly = new ArrayList<>(Collections.nCopies(24, 1.0));
        ProfileConfig.Builder builder = ProfileConfig.builder("p").sessionHourlyStartProbabilities(hourly)
                .eventProbability("page", 1);
        ProfileConfig profile = builder.build();
        hourly.set(0, 5.0);
        builder.eventProbability("video", 1);
        assertThat(profile.sessionHourlyStartProbabilities()).containsOnly(1.0);
        assertThat(profile.eventProbabilities()).containsOnlyKeys("page");
        assertThatThrownBy(() -> profile.eventProbabilities().put("x", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);

        Map<String, Object> nested = new java.util.HashMap<>(Map.of("k", 1));
        EventConfig event = EventConfig.of(Map.of("nested", nested));
        nested.put("k", 2);
        assertThat(event.properties()).isEqualTo(Map.of("nested", Map.of("k", 1)));
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) event.properties().get("nested");
        assertThatThrownBy(() -> inner.put("k", 3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("have the documented defaults")
    void defaults() {
        ProfileConfig p = ProfileConfig.builder("p").build();
        assertThat(p.userType()).isEqualTo("session_engagement");
        assertThat(p.sessionHourlyStartProbabilities()).hasSize(24).containsOnly(1.0 / 24);
        assertThat(p.sessionDayOfWeekProbabilities()).hasSize(7).containsOnly(1.0);
        assertThat(p.productUserType()).isEqualTo(ProductUserType.WEB);
        assertThat(p.onlineProbability()).isEqualTo(0.2);
        assertThat(p.nudges().responseProbabilities()).isEqualTo(Map.of("open", 1.0, "discard", 1.0, "block", 1.0));
        assertThat(p.sessionEngagement()).isEqualTo(new EngagementConfig(0.0, 1.0, 0.0, 0.25, 0.75, 1.0, 1.0));
        assertThat(p.behaviour().schedule()).isEqualTo(new ScheduleConfig(60, 10));
        PurchaseBehaviourConfig purchase = p.behaviour().purchase();
        assertThat(purchase.initialAccountBalanceMax()).isEqualTo(2000.0);
        assertThat(purchase.checkoutUrgentProbabilityMax()).isEqualTo(0.5);
        assertThat(purchase.catalogTypeProbabilities().keySet()).containsExactly(CatalogType.BLOOD, CatalogType.DRUG,
                CatalogType.OXYGEN, CatalogType.MEDICAL_EQUIPMENT);
        GlobalConfig g = GlobalConfig.defaults();
        assertThat(g.startTs()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(g.endTs()).contains(Instant.parse("2020-02-01T00:00:00Z"));
        assertThat(g.dbUri()).as("built in Java: in memory, no file").isEqualTo("sqlite:///:memory:");
        assertThat(g.logEventsFilename()).isEmpty();
        assertThat(PopulationConfig.defaults()).isEqualTo(new PopulationConfig(0, 100, 300, 0.05, 0.0, 0.0, false));
        assertThat(SimulationConfig.builder().build().validate()).isEmpty();
    }

    @Test
    @DisplayName("earlyStart() puts every session start in the hour 03:00-04:00")
    void earlyStart() {
        List<Double> hourly = ProfileConfig.builder("p").earlyStart().build().sessionHourlyStartProbabilities();
        assertThat(hourly).hasSize(24);
        assertThat(hourly.get(3)).isEqualTo(1.0);
        assertThat(hourly.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1.0);
    }
}
