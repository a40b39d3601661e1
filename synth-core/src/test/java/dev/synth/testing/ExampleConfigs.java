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

    /**
     * A population of shoppers exercising every commerce path: drifting purchase engagement, normal content,
     * low balances with top-ups and failed payments, failed, urgent and cancelled checkouts, promotions,
     * delivery updates and ratings. With {@code churn}, users leave and are replaced.
     */
    public static SimulationConfig shoppers(int users, boolean churn) {
        EngagementConfig session = churn
                ? EngagementConfig.builder().initial(0.5, 1.0).changeProbability(0.5).boostProbability(0.3)
                        .decayProbability(0.7).change(0.1, 0.5).build()
                : EngagementConfig.builder().initial(1, 1).changeProbability(0).build();
        ProfileConfig shopper = ProfileConfig.builder("shopper").userType("purchase_engagement")
                .occurrenceProbability(1).sessionCount(1, 3).sessionLengthSeconds(60, 600)
                .productUserType(ProductUserType.MOBILE).backgroundPerMinuteProbability(0.05)
                .sessionEngagement(session)
                .purchaseEngagement(EngagementConfig.builder().initial(0.3, 1.0).changeProbability(0.5)
                        .boostProbability(0.5).decayProbability(0.5).change(0.05, 0.2).build())
                .eventProbabilities(Map.of("page", 0.6, "search", 0.4))
                .behaviour(b -> b.normalEventProbability(0.3)
                        .schedule(b.build().schedule().withDeliveryDelayMaxDays(2))
                        .purchase(p -> p.initialAccountBalanceMin(50).initialAccountBalanceMax(300)
                                .topUpProbability(0.5).paymentFailureProbabilityMin(0.1).paymentFailureProbabilityMax(0.4)
                                .checkoutFailureProbabilityMin(0.1).checkoutFailureProbabilityMax(0.3)
                                .checkoutUrgentProbabilityMin(0.2).checkoutUrgentProbabilityMax(0.5)
                                .checkoutCancellationProbabilityMin(0.2).checkoutCancellationProbabilityMax(0.5)
                                .checkoutPromoProbabilityMin(0.3).checkoutPromoProbabilityMax(0.8)
                                .interestCatalogRangeMin(0.05).interestCatalogRangeMax(0.15)
                                .viewsRequiredPerPurchaseMin(1).viewsRequiredPerPurchaseMax(3)
                                .updateEventsPerCheckoutMin(0).updateEventsPerCheckoutMax(3)))
                .build();
        SimulationConfig base = TestConfigs.population(shopper, users, churn ? users / 2 : users,
                churn ? users * 2 : users, churn ? 0.1 : 0.0);
        return TestConfigs.withGlobal(base, g -> g.usePromotions(true).ratingProbability(0.3)
                .randomiseRegistrationTimes(true)).toBuilder()
                .catalog(dev.synth.event.CatalogType.PROMO, dev.synth.config.CatalogConfig.defaults()
                        .withTargetCount(8).withProperty("length_min_days", 1).withProperty("length_max_days", 3)
                        .withProperty("item_min_count", 5).withProperty("item_max_count", 40))
                .build();
    }
}
