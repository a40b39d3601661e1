package dev.synth.config;

import static dev.synth.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.synth.event.CatalogType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The example project configuration")
class ExampleProjectTest {
    private final SimulationConfig config = load("example_project.yml");

    @Test
    @DisplayName("has the global settings of the file and defaults for the rest")
    void global() {
        GlobalConfig g = config.global();
        assertThat(g.sinkTypes()).containsExactly("csv");
        assertThat(g.dbUri()).isEqualTo("sqlite:////tmp/synthetic-data-generator.sqlite");
        assertThat(g.organisation()).isEqualTo("example");
        assertThat(g.project()).isEqualTo("project");
        assertThat(g.logEventsFilename()).contains("/tmp/ingest.csv");
        assertThat(g.catalogEventsFilename()).contains("/tmp/ingest_catalog.csv");
        assertThat(g.startTs()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(g.endTs()).contains(Instant.parse("2020-01-15T00:00:00Z"));
        assertThat(g.randomiseRegistrationTimes()).isTrue();
        assertThat(g.managePopulationCountsPerProfile()).isTrue();

        assertThat(g.env()).isEqualTo("local");
        assertThat(g.apiUrl()).isEqualTo("http://www.test.com");
        assertThat(g.apiKey()).isEqualTo("unknown");
        assertThat(g.notifyEnabled()).isFalse();
        assertThat(g.simulationProfile()).isEqualTo("acme");
        assertThat(g.ratingProbability()).isEqualTo(0.01);
        assertThat(g.artificialNudgeMinRegistrationDelayDays()).isEqualTo(7);
        assertThat(g.cacheLogsOnFailure()).isTrue();
        assertThat(g.seed()).isEmpty();
        assertThat(g.catalogDirectory()).isEqualTo("data/catalog");
    }

    @Test
    @DisplayName("keeps 75 users within 50..100 with volatility 0.1 and 200 entries per catalog type")
    void populationAndCatalogs() {
        assertThat(config.population()).isEqualTo(PopulationConfig.builder()
                .initialCount(75).targetMinCount(50).targetMaxCount(100).volatility(0.1).build());
        assertThat(config.catalogs()).hasSize(CatalogType.values().length);
        assertThat(config.catalogs().values()).allSatisfy(c -> {
            assertThat(c.targetCount()).isEqualTo(200);
            assertThat(c.properties()).isEmpty();
        });
    }

    @Test
    @DisplayName("has five purchase profiles, sorted by name, that inherit the default profile")
    void profiles() {
        assertThat(config.profiles()).containsOnlyKeys("one_time", "short", "average", "long", "loyal");
        assertThat(config.profiles().keySet()).containsExactly("average", "long", "loyal", "one_time", "short");
        assertThat(config.profiles().values()).allSatisfy(p -> {
            assertThat(p.userType()).isEqualTo("purchase_engagement");
            assertThat(p.sessionEngagementCountFactor()).isEqualTo(1.0);
            assertThat(p.sessionEngagementDurationFactor()).isEqualTo(1.0);
            assertThat(p.sessionHourlyStartProbabilities()).hasSize(24).startsWith(0.1, 0.1, 0.15);
            assertThat(p.sessionEngagement().initialMin()).isEqualTo(0.5);
            assertThat(p.sessionEngagement().initialMax()).isEqualTo(0.5);
            assertThat(p.purchaseEngagement()).isEqualTo(new EngagementConfig(0.1, 1.0, 0.5, 0.5, 0.5, 0.01, 0.1));
            assertThat(p.behaviour().normalEventProbability()).isEqualTo(0.5);
            assertThat(p.behaviour().purchase().viewsRequiredPerPurchaseMax()).isEqualTo(25);
            assertThat(p.behaviour().purchase().purchaseCountPerItemMax()).isEqualTo(3);
            assertThat(p.event("page").properties()).containsExactly(entry("page_count_per_session_min", 1),
                    entry("page_count_per_session_max", 5), entry("page_view_duration_variance", 0.1));
            assertThat(p.event("video").doubleProperty("pause_probability", 0)).isEqualTo(0.3);
            assertThat(p.eventProbabilities()).containsExactly(entry("page", 0.5), entry("video", 0.25),
                    entry("audio", 0.1), entry("image", 0.05), entry("module", 0.1));
        });
        assertThat(config.profiles().values()).extracting(ProfileConfig::occurrenceProbability)
                .containsExactly(0.14, 0.04, 0.02, 0.6, 0.2);
        assertThat(config.profiles().values()).extracting(ProfileConfig::sessionMaxCount)
                .containsExactly(5, 5, 10, 2, 3);
    }

    @Test
    @DisplayName("gives each profile its own engagement drift on top of the inherited initial level")
    void engagementDrift() {
        assertThat(config.profiles().get("one_time").sessionEngagement())
                .isEqualTo(new EngagementConfig(0.5, 0.5, 0.9, 0.0, 0.9, 0.5, 1.0));
        assertThat(config.profiles().get("loyal").sessionEngagement())
                .isEqualTo(new EngagementConfig(0.5, 0.5, 0.1, 0.45, 0.55, 0.01, 0.05));
    }

    @Test
    @DisplayName("is valid and can run with the built-in user and sink types")
    void valid() {
        assertThat(config.validate()).isEmpty();
        assertThat(config.validateForRun(ConfigFixtures.USER_TYPES, ConfigFixtures.SINK_TYPES)).isEmpty();
    }

    @Test
    @DisplayName("event properties fall back to the caller's default when absent")
    void eventPropertyFallbacks() {
        EventConfig page = config.profiles().get("short").event("page");
        assertThat(page.intProperty("page_count_per_session_max", 9)).isEqualTo(5);
        assertThat(page.intProperty("duration_seconds_min", 30)).isEqualTo(30);
        assertThat(config.profiles().get("short").event("exam")).isEqualTo(EventConfig.empty());
        assertThat(config.catalog(CatalogType.EXAM).intProperty("question_count_min", 5)).isEqualTo(5);
        assertThat(Map.copyOf(page.properties())).hasSize(3);
    }
}
