package dev.synth.config;

import static dev.synth.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.synth.event.CatalogType;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reference's own configuration tests (reference 9.1), on the unchanged test files. */
@DisplayName("The reference's configuration tests")
class ReferenceConfigTest {

    @Test
    @DisplayName("inherited_user.yaml: a profile inherits what it does not set from the default profile")
    void inheritedDefaults() {
        SimulationConfig config = load("inherited_user.yaml");

        assertThat(config.global().apiKey()).isEqualTo("a very secret key");
        assertThat(config.population().initialCount()).isEqualTo(200);
        assertThat(config.profiles()).containsOnlyKeys("simple");

        ProfileConfig simple = config.profiles().get("simple");
        assertThat(simple.sessionLengthMaxSeconds()).isEqualTo(1800);
        assertThat(simple.occurrenceProbability()).isEqualTo(0.05);
        assertThat(simple.events()).isEmpty();
        assertThat(simple.eventProbabilities()).containsExactly(entry("page", 0.7), entry("video", 0.0));
    }

    @Test
    @DisplayName("session_engagement_user.yaml: nudges merge field by field, response weights are replaced")
    void sessionEngagementExample() {
        SimulationConfig config = load("session_engagement_user.yaml");

        ProfileConfig oneTime = config.profiles().get("one_time");
        assertThat(oneTime.productUserType()).isEqualTo(ProductUserType.MOBILE);
        assertThat(oneTime.backgroundPerMinuteProbability()).isEqualTo(0.05);
        assertThat(oneTime.eventProbabilities()).isEqualTo(
                Map.of("audio", 0.05, "image", 0.05, "module", 0.1, "page", 0.5, "video", 0.25));
        assertThat(oneTime.sessionEngagement()).isInstanceOf(EngagementConfig.class);
        assertThat(oneTime.purchaseEngagement()).isInstanceOf(EngagementConfig.class);
        assertThat(oneTime.nudges().checksPerDayMin()).as("own value").isEqualTo(1);
        assertThat(oneTime.nudges().checksPerDayMax()).as("inherited").isEqualTo(3);
        assertThat(oneTime.nudges().responseProbabilities()).isEqualTo(Map.of("open", 0.5, "block", 0.25));
        assertThat(oneTime.nudges().engagementEffect().boostProbability()).isEqualTo(0.75);

        ProfileConfig shortProfile = config.profiles().get("short");
        assertThat(shortProfile.nudges().checksPerDayMin()).isEqualTo(2);
        assertThat(shortProfile.nudges().checksPerDayMax()).isEqualTo(3);
        assertThat(shortProfile.nudges().responseProbabilities())
                .isEqualTo(Map.of("open", 1.0, "discard", 1.0, "block", 1.0));
        assertThat(shortProfile.nudges().engagementEffect().boostProbability()).as("default").isEqualTo(0.25);
        assertThat(shortProfile.event("video").properties()).isEqualTo(Map.of("pause_probability", 0.3));

        assertThat(config.catalog(CatalogType.DRUG).targetCount()).isEqualTo(10);
        assertThat(config.catalog(CatalogType.DRUG).properties()).isEmpty();
        assertThat(config.catalog(CatalogType.MODULE).targetCount()).isEqualTo(20);
        assertThat(config.catalog(CatalogType.MODULE).properties())
                .isEqualTo(Map.of("length_max_seconds", 120, "length_min_seconds", 60));
        assertThat(config.population().resurrectionProbability()).isEqualTo(0.05);
        assertThat(config.population().inactiveNudgeCheckRatioPerHour()).isEqualTo(0.05);
    }

    @Test
    @DisplayName("purchase_engagement_user.yaml: purchase settings merge, catalog type weights are replaced")
    void purchaseEngagementExample() {
        SimulationConfig config = load("purchase_engagement_user.yaml");
        ProfileConfig oneTime = config.profiles().get("one_time");
        ProfileConfig shortProfile = config.profiles().get("short");

        assertThat(oneTime.userType()).as("inherited").isEqualTo("purchase_engagement");
        assertThat(shortProfile.userType()).as("overridden").isEqualTo("session_engagement");
        assertThat(oneTime.eventProbabilities()).isEmpty();
        assertThat(shortProfile.eventProbabilities()).isEmpty();

        assertThat(config.catalog(CatalogType.MODULE).targetCount()).isEqualTo(10);
        assertThat(config.catalog(CatalogType.DRUG).targetCount()).isEqualTo(50);

        PurchaseBehaviourConfig inherited = oneTime.behaviour().purchase();
        assertThat(inherited.interestCatalogRangeMin()).isEqualTo(0.2);
        assertThat(inherited.interestCatalogRangeMax()).isEqualTo(0.3);
        assertThat(inherited.interestPerItemMin()).isEqualTo(0.1);
        assertThat(inherited.interestPerItemMax()).isEqualTo(0.2);
        PurchaseBehaviourConfig overridden = shortProfile.behaviour().purchase();
        assertThat(overridden.interestCatalogRangeMin()).isEqualTo(0.8);
        assertThat(overridden.interestCatalogRangeMax()).isEqualTo(0.9);
        assertThat(overridden.interestPerItemMin()).as("inherited").isEqualTo(0.1);
        assertThat(overridden.interestPerItemMax()).as("inherited").isEqualTo(0.2);

        assertThat(inherited.catalogTypeProbabilities()).isEqualTo(Map.of(CatalogType.OXYGEN, 1.0));
        assertThat(overridden.catalogTypeProbabilities()).isEqualTo(Map.of(CatalogType.BLOOD, 1.0));
    }
}
