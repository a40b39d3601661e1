package dev.synth.config;

import static dev.synth.config.ConfigFixtures.withProfiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.synth.event.CatalogType;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Profiles and catalogs inherit from their default entry")
class InheritanceTest {

    private static SimulationConfig load(String yaml) {
        return SimulationConfig.fromYaml(yaml, "test.yml");
    }

    @Test
    @DisplayName("a profile with an empty body is an exact copy of the default profile, which is not a profile")
    void emptyBodyCopiesDefault() {
        SimulationConfig config = load(withProfiles("""
                default:
                  occurrence_probability: 0.3
                  session_max_count: 4
                  nudges: {checks_per_day_max: 2}
                  event_probabilities: {page: 1}
                copy:
                """));
        assertThat(config.profiles()).containsOnlyKeys("copy");
        assertThat(config.profiles().get("copy")).isEqualTo(ProfileConfig.builder("copy")
                .occurrenceProbability(0.3).sessionMaxCount(4)
                .nudges(n -> n.checksPerDayMax(2)).eventProbability("page", 1.0).build());
    }

    @Test
    @DisplayName("event probabilities merge key by key, inherited keys first")
    void eventProbabilitiesMerge() {
        SimulationConfig config = load(withProfiles("""
                default:
                  event_probabilities: {page: 0.5, video: 0.5}
                child:
                  event_probabilities: {audio: 0.2, page: 0.1}
                """));
        assertThat(config.profiles().get("child").eventProbabilities())
                .containsExactly(entry("page", 0.1), entry("video", 0.5), entry("audio", 0.2));
    }

    @Test
    @DisplayName("nested sections merge field by field, the two weight maps are replaced as a whole")
    void nestedSections() {
        SimulationConfig config = load(withProfiles("""
                default:
                  nudges:
                    checks_per_day_max: 4
                    response_probabilities: {open: 1, discard: 2, block: 3}
                    engagement_effect: {change_probability: 0.5, boost_probability: 0.9}
                  behaviour:
                    normal_event_probability: 0.3
                    schedule: {seconds_per_event: 5}
                    purchase:
                      top_up_probability: 0.5
                      catalog_type_probabilities: {drug: 1, blood: 1}
                child:
                  nudges:
                    response_probabilities: {block: 1}
                    engagement_effect: {change_probability: 0.25}
                  behaviour:
                    schedule: {delivery_delay_max_days: 3}
                    purchase:
                      detail_probability: 0.9
                      catalog_type_probabilities: {oxygen: 2}
                """));
        ProfileConfig child = config.profiles().get("child");
        assertThat(child.nudges().checksPerDayMax()).isEqualTo(4);
        assertThat(child.nudges().responseProbabilities()).containsExactly(entry("block", 1.0));
        assertThat(child.nudges().engagementEffect().changeProbability()).isEqualTo(0.25);
        assertThat(child.nudges().engagementEffect().boostProbability()).isEqualTo(0.9);
        assertThat(child.behaviour().normalEventProbability()).isEqualTo(0.3);
        assertThat(child.behaviour().schedule()).isEqualTo(new ScheduleConfig(5, 3));
        assertThat(child.behaviour().purchase().topUpProbability()).isEqualTo(0.5);
        assertThat(child.behaviour().purchase().detailProbability()).isEqualTo(0.9);
        assertThat(child.behaviour().purchase().catalogTypeProbabilities())
                .containsExactly(entry(CatalogType.OXYGEN, 2.0));
    }

    @Test
    @DisplayName("an events.default entry applies to the events of its own block; properties merge recursively")
    void eventDefaults() {
        SimulationConfig config = load(withProfiles("""
                default:
                  events:
                    default:
                      properties: {duration_seconds_min: 10, duration_seconds_max: 20}
                    page:
                      properties: {page_count_per_session_max: 3, layout: {columns: 2, rows: 4}}
                    video:
                child:
                  events:
                    default:
                      properties: {duration_seconds_max: 40}
                    page:
                      properties: {layout: {rows: 8}}
                    audio:
                      properties: {pause_probability: 0.5}
                """));
        ProfileConfig child = config.profiles().get("child");
        assertThat(child.events()).containsOnlyKeys("page", "video", "audio");
        assertThat(child.event("page").properties()).isEqualTo(Map.of(
                "duration_seconds_min", 10, "duration_seconds_max", 40, "page_count_per_session_max", 3,
                "layout", Map.of("columns", 2, "rows", 8)));
        assertThat(child.event("video").properties()).as("not listed in the child's block")
                .isEqualTo(Map.of("duration_seconds_min", 10, "duration_seconds_max", 20));
        assertThat(child.event("audio").properties())
                .isEqualTo(Map.of("duration_seconds_max", 40, "pause_probability", 0.5));
        assertThat(child.event("image")).isEqualTo(EventConfig.empty());
    }

    @Test
    @DisplayName("catalogs.default applies to every type and each type's properties merge key by key on top")
    void catalogs() {
        SimulationConfig config = load(withProfiles("{}") + """
                catalogs:
                  default:
                    target_count: 5
                    properties: {length_min_seconds: 10, length_max_seconds: 100}
                  module:
                    properties: {length_max_seconds: 50}
                  drug:
                    target_count: 7
                """);
        assertThat(config.catalog(CatalogType.MODULE)).isEqualTo(new CatalogConfig(5,
                Map.of("length_min_seconds", 10, "length_max_seconds", 50)));
        assertThat(config.catalog(CatalogType.DRUG)).isEqualTo(new CatalogConfig(7,
                Map.of("length_min_seconds", 10, "length_max_seconds", 100)));
        assertThat(config.catalog(CatalogType.PAGE).targetCount()).isEqualTo(5);
    }

    @Test
    @DisplayName("without a catalogs section every catalog type keeps 30 entries and no properties")
    void catalogDefaults() {
        SimulationConfig config = load(withProfiles("{}"));
        assertThat(config.catalogs()).hasSize(CatalogType.values().length)
                .allSatisfy((type, c) -> assertThat(c).isEqualTo(CatalogConfig.defaults()));
    }
}
