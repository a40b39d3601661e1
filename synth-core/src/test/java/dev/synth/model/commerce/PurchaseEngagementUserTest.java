package dev.synth.model.commerce;

import static dev.synth.testing.Shoppers.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.synth.Simulation;
import dev.synth.catalog.CatalogCache;
import dev.synth.catalog.CatalogItem;
import dev.synth.config.CatalogConfig;
import dev.synth.config.EngagementConfig;
import dev.synth.config.GlobalConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.model.session.ShopItems;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.Shoppers;
import dev.synth.testing.TestConfigs;
import dev.synth.user.Scheduled;
import dev.synth.user.SimulationContext;
import dev.synth.user.User;
import dev.synth.user.UserFactory;
import dev.synth.user.UserIdentity;
import dev.synth.user.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reference 9.7 (checkout) and 9.10 (purchase engagement) facts of the shopper. */
class PurchaseEngagementUserTest {

    /** Captures the newest shopper the engine creates or restores. */
    static final class Recorder implements UserFactory {
        PurchaseEngagementUser user;

        @Override
        public User create(UserIdentity identity, ProfileConfig profile) {
            user = new PurchaseEngagementUser(identity, profile);
            return user;
        }
    }

    private static Recorder runDay(SimulationConfig config, InMemoryStateStore store, Instant end, MemorySink sink) {
        Recorder recorder = new Recorder();
        Simulation.builder().config(config).stateStore(store).addSink(sink).end(end)
                .registerUserType(PurchaseEngagementUser.TYPE, recorder).build().run();
        return recorder;
    }

    @Test
    @DisplayName("checkout payload: 2 x 123.0 -> item price 246.0, cart price 246.0, USD, successful, with the cart id")
    void checkoutPayload() {
        CatalogCache cache = new CatalogCache();
        Map<String, Object> drug = new LinkedHashMap<>();
        drug.put("type", "drug");
        drug.put("uuid", "00000000-0000-4000-8000-000000000123");
        drug.put("item_price", 123.0);
        drug.put("currency", "USD");
        cache.add(CatalogItem.of(CatalogType.DRUG, drug));
        ProfileConfig profile = Shoppers.boringShopper().behaviour(b -> b.purchase(p -> p
                .catalogTypeProbabilities(Map.of(CatalogType.DRUG, 1.0))
                .interestCatalogRangeMin(1).interestCatalogRangeMax(1).interestPerItemMin(1).interestPerItemMax(1)
                .viewsRequiredPerPurchaseMin(1).viewsRequiredPerPurchaseMax(1).viewsPerSessionMin(1)
                .viewsPerSessionMax(1).purchaseCountPerItemMin(2).purchaseCountPerItemMax(2)
                .checkoutCancellationProbabilityMin(0).checkoutCancellationProbabilityMax(0))).build();
        long start = Micros.of(TestConfigs.START);
        UserIdentity identity = new UserIdentity("boring_guy-1", 0, "4242", "boring_guy", start);
        PurchaseEngagementUser user = new PurchaseEngagementUser(identity, profile);
        RandomStreams streams = new RandomStreams(1);
        user.initialize(streams.stream(1));
        List<Scheduled> scheduled = new ArrayList<>();
        Window window = new Window(identity, start, start + Micros.PER_DAY, start + Micros.PER_HOUR, streams.stream(2),
                new SimulationContext(GlobalConfig.defaults(), cache, new FakeData()), 0, scheduled::add);
        user.shopping(window, start, true, true);

        List<LogEvent> logs = scheduled.stream().filter(Scheduled.Log.class::isInstance)
                .map(s -> ((Scheduled.Log) s).event()).toList();
        LogEvent checkout = ofType(logs, "checkout").get(0);
        LogEvent cart = ofType(logs, "cart").get(0);
        assertThat(checkout.userId()).isEqualTo("boring_guy-1");
        assertThat(checkout.deviceId()).isEqualTo("4242");
        assertThat(checkout.online()).isTrue();
        assertThat(checkout.props().get("cart_price")).isEqualTo(246.0);
        assertThat(checkout.props().get("currency")).isEqualTo("USD");
        assertThat(checkout.props().get("is_successful")).isEqualTo(true);
        assertThat(checkout.props().get("cart_id")).isEqualTo(cart.props().get("id")).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> item = ((List<Map<String, Object>>) checkout.props().get("items")).get(0);
        assertThat(item).containsEntry("id", drug.get("uuid")).containsEntry("type", "drug")
                .containsEntry("quantity", 2).containsEntry("price", 246.0).containsEntry("currency", "USD");
        assertThat(cart.props().get("cart_price")).isEqualTo(246.0);
        assertThat(scheduled).anyMatch(o -> o instanceof Scheduled.Message m && m.message() instanceof OrderPlaced p
                && p.total() == 246.0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = CatalogType.class, names = {"BLOOD", "DRUG", "MEDICAL_EQUIPMENT", "OXYGEN"})
    @DisplayName("four days of shopping: look, look, buy on the third day, start over")
    void commerceLogs(CatalogType type) {
        ProfileConfig profile = Shoppers.boringShopper().behaviour(b -> b.purchase(p -> p
                .initialAccountBalanceMin(10_000).initialAccountBalanceMax(10_000)
                .interestCatalogRangeMin(0.2).interestCatalogRangeMax(0.2).interestPerItemMin(1).interestPerItemMax(1)
                .viewsRequiredPerPurchaseMin(3).viewsRequiredPerPurchaseMax(3).viewsPerSessionMin(1)
                .viewsPerSessionMax(1).impressionRatio(1).detailProbability(1).purchaseCountPerItemMin(2)
                .purchaseCountPerItemMax(2).paymentFailureProbabilityMax(0).checkoutFailureProbabilityMax(0)
                .checkoutCancellationProbabilityMin(0).checkoutCancellationProbabilityMax(0)
                .catalogTypeProbabilities(Map.of(type, 1.0)).reminderProbability(1).autoReminderTypeProbability(0.5)
                .favoriteProbability(1))).build();
        SimulationConfig config = TestConfigs.singleUser(profile).toBuilder()
                .catalog(type, CatalogConfig.defaults().withTargetCount(10)).build();
        InMemoryStateStore store = new InMemoryStateStore();
        Map<String, Double> prices = new HashMap<>();
        List<String> interested = null;
        PurchaseEngagementUser user = null;
        for (int day = 0; day < 4; day++) {
            MemorySink sink = new MemorySink();
            user = runDay(config, store, TestConfigs.START.plusSeconds((day + 1) * 86_400L), sink).user;
            List<LogEvent> logs = sink.logEvents();
            PurchaseEngagementUser.PurchaseState state = user.purchaseState();
            List<Integer> remaining = state.itemInterests.values().stream().map(i -> i.remainingViewCount).toList();
            if (day == 0) {
                // D24: the shop items' catalog events come once, when the catalogs are created.
                for (CatalogEvent c : sink.catalogEvents()) {
                    if (c.type() == type) {
                        prices.put((String) c.data().get("uuid"), ((Number) c.data().get("item_price")).doubleValue());
                    }
                }
                assertThat(prices).hasSize(10);
            }
            assertThat(ofType(logs, "cancel_checkout")).isEmpty();
            assertThat(ofType(logs, "item", "impression")).isNotEmpty();
            assertThat(ofType(logs, "item", "view")).isNotEmpty();
            assertThat(ofType(logs, "item", "detail")).isNotEmpty();
            assertThat(logs).anyMatch(e -> e.type().equals("item") && e.action().endsWith("_favorite"));
            assertThat(logs).anyMatch(e -> e.type().equals("item") && e.action().contains("reminder"));
            assertThat(state.itemInterests).hasSize(2);
            switch (day) {
                case 0 -> {
                    List<LogEvent> payments = ofType(logs, "deferred_payment");
                    assertThat(payments).hasSize(1);
                    assertThat(payments.get(0).props()).containsEntry("account_balance", 10_000.0)
                            .containsEntry("payment_amount", 10_000.0).containsEntry("action", "payment_processed");
                    assertThat(payments.get(0).block()).isEqualTo(Block.PAYMENT);
                    assertThat(ofType(logs, "checkout")).isEmpty();
                    assertThat(user.accountBalance()).isEqualTo(10_000.0);
                    assertThat(state.currentFavorites).isNotEmpty();
                    assertThat(state.currentReminders).isNotEmpty();
                    assertThat(remaining).containsOnly(2);
                    interested = ofType(logs, "item", "view").stream()
                            .map(e -> (String) ((Map<?, ?>) e.props().get("item")).get("id")).distinct().sorted()
                            .toList();
                    assertThat(interested).containsExactlyInAnyOrderElementsOf(state.itemInterests.keySet());
                }
                case 2 -> {
                    assertThat(state.currentFavorites).isNotEmpty();
                    assertThat(state.currentReminders).isNotEmpty();
                    assertThat(ofType(logs, "cart")).isNotEmpty();
                    List<LogEvent> checkouts = ofType(logs, "checkout");
                    assertThat(checkouts).hasSize(1);
                    LogEvent checkout = checkouts.get(0);
                    double total = 0;
                    List<Map<String, Object>> items = new ArrayList<>();
                    for (String uuid : interested) {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("id", uuid);
                        item.put("type", type.configName());
                        item.put("quantity", 2);
                        item.put("price", ShopItems.money(prices.get(uuid) * 2));
                        item.put("currency", "USD");
                        item.put("stock_status", ShopItems.stockStatus(uuid, checkout.timeMicros()));
                        items.add(item);
                        total += prices.get(uuid) * 2;
                    }
                    assertThat(checkout.props()).containsEntry("currency", "USD").containsEntry("is_successful", true)
                            .containsEntry("items", items).containsEntry("cart_price", ShopItems.money(total));
                    List<LogEvent> milestones = ofType(logs, "milestone");
                    assertThat(milestones).isNotEmpty().allMatch(e -> e.block() == Block.LOYALTY);
                    assertThat(state.progress.milestonesAchieved).hasSameSizeAs(milestones);
                    List<LogEvent> levels = ofType(logs, "level");
                    assertThat(levels).hasSameSizeAs(milestones);
                    for (int i = 0; i < levels.size(); i++) {
                        assertThat(levels.get(i).props()).containsEntry("prev_level", i).containsEntry("new_level", i + 1);
                        assertThat(levels.get(i).block()).isEqualTo(Block.LOYALTY);
                    }
                    assertThat(remaining).containsOnly(0);
                }
                default -> {
                    assertThat(state.currentFavorites).isEmpty();
                    assertThat(state.currentReminders).isEmpty();
                    assertThat(remaining).containsOnly(day == 1 ? 1 : 2);
                    assertThat(ofType(logs, "checkout")).isEmpty();
                }
            }
        }
        assertThat(user.purchaseState().itemInterests.values()).allSatisfy(i -> {
            assertThat(i.catalogType).isEqualTo(type.configName());
            assertThat(i.interestRatio).isEqualTo(1.0);
            assertThat(i.remainingViewCount).isEqualTo(2);
        });
        assertThat(user.engagement()).isEqualTo(1.0);
        assertThat(user.purchaseEngagement()).isEqualTo(1.0);
        assertThat(user.accountBalance()).isPositive();
    }

    @Test
    @DisplayName("purchase engagement decaying 0.2 a day is 1 - 0.2 k after day k; session engagement stays 1.0")
    void managePurchaseEngagement() {
        ProfileConfig profile = Shoppers.boringShopper().purchaseEngagement(EngagementConfig.builder().initial(1, 1)
                .changeProbability(1).boostProbability(0).decayProbability(1).change(0.2, 0.2).build()).build();
        InMemoryStateStore store = new InMemoryStateStore();
        for (int day = 1; day <= 5; day++) {
            MemorySink sink = new MemorySink();
            // D5: a change due exactly at the end of a run is released by the next step, so run one hour further.
            PurchaseEngagementUser user = runDay(TestConfigs.singleUser(profile), store,
                    TestConfigs.START.plusSeconds(day * 86_400L + 3600), sink).user;
            assertThat(user.purchaseEngagement()).isCloseTo(1 - 0.2 * day, within(1e-4));
            assertThat(user.engagement()).isEqualTo(1.0);
            if (day < 5) {
                // D23: with purchase engagement 0 (day 5) the user still has sessions, but no shopping.
                assertThat(sink.logEvents()).isNotEmpty();
            }
        }
    }

    @Test
    @DisplayName("top-ups: starting from 0 and buying everything every day, at least 3 payments in 5 days, balance < 0")
    void topUps() {
        ProfileConfig profile = Shoppers.boringShopper().behaviour(b -> b.purchase(p -> p
                .initialAccountBalanceMin(0).initialAccountBalanceMax(0).topUpProbability(1)
                .paymentFailureProbabilityMin(0.5).paymentFailureProbabilityMax(0.5)
                .interestCatalogRangeMin(1).interestCatalogRangeMax(1).interestPerItemMin(1).interestPerItemMax(1)
                .viewsRequiredPerPurchaseMin(1).viewsRequiredPerPurchaseMax(1).viewsPerSessionMin(1)
                .viewsPerSessionMax(1))).build();
        MemorySink sink = new MemorySink();
        PurchaseEngagementUser user = runDay(TestConfigs.singleUser(profile), new InMemoryStateStore(),
                TestConfigs.START.plusSeconds(5 * 86_400L), sink).user;
        assertThat(ofType(sink.logEvents(), "deferred_payment")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(user.accountBalance()).isNegative();
    }

    @Test
    @DisplayName("D15: a top-up succeeds with probability 1 - payment_failure_probability (the reference inverted it)")
    void topUpSuccess() {
        ProfileConfig profile = Shoppers.boringShopper().behaviour(b -> b.purchase(p -> p
                .initialAccountBalanceMin(0).initialAccountBalanceMax(0).topUpProbability(1)
                .paymentFailureProbabilityMin(0).paymentFailureProbabilityMax(0)
                .interestCatalogRangeMin(1).interestCatalogRangeMax(1).interestPerItemMin(1).interestPerItemMax(1)
                .viewsRequiredPerPurchaseMin(1).viewsRequiredPerPurchaseMax(1))).build();
        MemorySink sink = new MemorySink();
        runDay(TestConfigs.singleUser(profile), new InMemoryStateStore(), TestConfigs.START.plusSeconds(5 * 86_400L),
                sink);
        assertThat(ofType(sink.logEvents(), "deferred_payment")).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(e -> Boolean.TRUE.equals(e.props().get("is_successful")));
    }

    @Test
    @DisplayName("normal content: with normal_event_probability 1, pages and media appear next to the shopping")
    void normalLogs() {
        ProfileConfig profile = Shoppers.boringShopper().eventProbabilities(Map.of("page", 0.5, "video", 0.5))
                .behaviour(b -> b.normalEventProbability(1.0)).build();
        MemorySink sink = new MemorySink();
        runDay(TestConfigs.singleUser(profile), new InMemoryStateStore(), TestConfigs.START.plusSeconds(10 * 86_400L),
                sink);
        assertThat(ofType(sink.logEvents(), "page")).isNotEmpty();
        assertThat(ofType(sink.logEvents(), "media")).isNotEmpty();
        assertThat(ofType(sink.logEvents(), "item")).isNotEmpty();
        // D21: in a session the shopping follows the normal content (the reference overlapped them)
        long lastNormal = Long.MIN_VALUE;
        for (LogEvent e : sink.logEvents()) {
            if ("login".equals(e.action())) {
                lastNormal = Long.MIN_VALUE;
            } else if (e.type().equals("page") || e.type().equals("media")) {
                lastNormal = e.timeMicros();
            } else if (e.block() == Block.ECOMMERCE || e.block() == Block.PAYMENT) {
                assertThat(e.timeMicros()).isGreaterThanOrEqualTo(lastNormal);
            }
        }
    }
}
