package dev.synth.testing;

import dev.synth.config.EngagementConfig;
import dev.synth.config.EventConfig;
import dev.synth.config.ProductUserType;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small but varied population of session users: several profiles, web and mobile, churn, all blocks. */
public final class ExampleConfigs {
    private ExampleConfigs() {
    }

    public static SimulationConfig mixedPopulation(int users) {
        Map<String, Double> content = new LinkedHashMap<>();
        content.put("page", 0.4);
        content.put("video", 0.15);
        content.put("audio", 0.1);
        content.put("image", 0.05);
        content.put("module", 0.1);
        content.put("search", 0.1);
        content.put("exam", 0.1);
        ProfileConfig oneTime = ProfileConfig.builder("one_time").occurrenceProbability(0.6).sessionCount(1, 2)
                .sessionEngagement(EngagementConfig.builder().initial(0.3, 0.8).changeProbability(0.9)
                        .boostProbability(0).decayProbability(0.9).change(0.2, 0.6).build())
                .eventProbabilities(content).build();
        ProfileConfig loyal = ProfileConfig.builder("loyal").occurrenceProbability(0.4).sessionCount(1, 4)
                .productUserType(ProductUserType.MOBILE).backgroundPerMinuteProbability(0.05)
                .sessionLengthSeconds(300, 1800)
                .sessionHourlyStartProbabilities(List.of(0.1, 0.1, 0.15, 0.15, 0.2, 0.2, 0.25, 0.3, 0.3, 0.3, 0.3, 0.3,
                        0.3, 0.3, 0.3, 0.3, 0.3, 0.25, 0.2, 0.2, 0.15, 0.15, 0.1, 0.1))
                .sessionEngagement(EngagementConfig.builder().initial(0.6, 1.0).changeProbability(0.3)
                        .boostProbability(0.45).decayProbability(0.55).change(0.01, 0.1).build())
                .event("page", EventConfig.of(Map.of("page_count_per_session_min", 1, "page_count_per_session_max", 5)))
                .eventProbabilities(content).build();
        SimulationConfig base = TestConfigs.population(oneTime, users, users / 2, users * 2, 0.1).toBuilder()
                .addProfile(loyal).build();
        return TestConfigs.withGlobal(base, g -> g.randomiseRegistrationTimes(true)
                .managePopulationCountsPerProfile(true).ratingProbability(0.05));
    }
}
