package dev.synth.model.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.Simulation;
import dev.synth.config.EngagementConfig;
import dev.synth.config.PopulationConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.Block;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import dev.synth.spi.UserRecord;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.Shoppers;
import dev.synth.testing.TestConfigs;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Whole runs of shoppers: the books balance, shopping follows purchase engagement, the example project. */
class ShoppingRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static double number(LogEvent e, String key) {
        return ((Number) e.props().get(key)).doubleValue();
    }

    @Test
    @DisplayName("for every user: balance = successful payments - successful checkouts + refunds of cancelled orders")
    void balancesReconcile() throws Exception {
        SimulationConfig config = ExampleConfigs.shoppers(30, false);
        InMemoryStateStore store = new InMemoryStateStore();
        MemorySink sink = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(10 * 86_400L), store);
        Map<String, List<LogEvent>> byUser = new HashMap<>();
        Map<String, Double> checkoutTotals = new HashMap<>();
        for (LogEvent e : sink.logEvents()) {
            byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e);
            if (e.type().equals("checkout")) {
                checkoutTotals.put((String) e.props().get("id"), number(e, "cart_price"));
            }
        }
        RunSnapshot snapshot = store.load(Shoppers.RUN).orElseThrow();
        assertThat(snapshot.activeUsers()).hasSize(30);
        assertThat(snapshot.inactiveUsers()).isEmpty();
        Set<String> seen = new TreeSet<>();
        for (UserRecord record : snapshot.activeUsers()) {
            // The stored state is the user's as of its current window's start; refunds delivered since wait in
            // its inbox. So it reconciles with the events before that window plus every refund so far.
            JsonNode node = JSON.readTree(record.state());
            long windowStart = node.path("window_start").asLong();
            double balance = node.path("state").path("accountBalance").asDouble(0);
            for (JsonNode update : node.path("inbox")) {
                assertThat(update.path("name").asText()).isEqualTo("refund");
                balance += update.path("value").asDouble();
            }
            double expected = 0;
            int terms = 0;
            for (LogEvent e : byUser.getOrDefault(record.platformUuid(), List.of())) {
                seen.add(e.type());
                boolean before = e.timeMicros() < windowStart;
                boolean ok = Boolean.TRUE.equals(e.props().get("is_successful"));
                if (e.type().equals("deferred_payment") && ok && before) {
                    expected += number(e, "payment_amount");
                    terms++;
                } else if (e.type().equals("checkout") && ok && before) {
                    expected -= number(e, "cart_price");
                    terms++;
                } else if (e.type().equals("cancel_checkout") && "order".equals(e.props().get("type"))) {
                    expected += checkoutTotals.get((String) e.props().get("id"));
                    terms++;
                }
            }
            assertThat(balance).as(record.platformUuid()).isCloseTo(expected, within(0.01 * terms + 1e-6));
        }
        assertThat(seen).contains("deferred_payment", "checkout", "cancel_checkout", "payment_method",
                "schedule_delivery", "delivery", "promo", "cart", "item", "milestone", "level");
        List<LogEvent> orderCancels = sink.logEvents().stream().filter(e -> e.type().equals("cancel_checkout")
                && "order".equals(e.props().get("type"))).toList();
        // D16: every cancellation due in a step is processed (the reference did one per step)
        Map<Long, Integer> perStep = new HashMap<>();
        orderCancels.forEach(e -> perStep.merge(e.timeMicros() / 3_600_000_000L, 1, Integer::sum));
        assertThat(perStep.values()).anyMatch(n -> n >= 2);
        for (JsonNode order : Shoppers.commerceState(store).path("open_orders")) {
            if (order.path("end").asText().equals("cancellation")) {
                assertThat(order.path("end_time").asLong()).as("overdue cancellation").isGreaterThanOrEqualTo(
                        snapshot.clockMicros());
            }
        }
        assertThat(sink.logEvents()).anyMatch(e -> e.type().equals("deferred_payment")
                && Boolean.FALSE.equals(e.props().get("is_successful")));
        assertThat(sink.logEvents()).anyMatch(e -> e.type().equals("checkout")
                && Boolean.FALSE.equals(e.props().get("is_successful")));
    }

    @Test
    @DisplayName("D23: the share of sessions with shopping tracks purchase engagement")
    void shoppingTracksPurchaseEngagement() {
        SimulationConfig config = null;
        for (double level : new double[] {0.2, 0.8}) {
            ProfileConfig profile = Shoppers.boringShopper().name("p" + (int) (level * 10))
                    .occurrenceProbability(1).sessionCount(1, 3)
                    .sessionHourlyStartProbabilities(java.util.Collections.nCopies(24, 1.0))
                    .purchaseEngagement(EngagementConfig.builder().initial(level, level).changeProbability(0).build())
                    .build();
            config = config == null ? TestConfigs.population(profile, 60, 60, 60, 0.0)
                    : config.toBuilder().addProfile(profile).build();
        }
        MemorySink sink = TestConfigs.runUntil(config, TestConfigs.START.plusSeconds(10 * 86_400L),
                new InMemoryStateStore());
        Map<String, List<LogEvent>> byUser = new HashMap<>();
        sink.logEvents().forEach(e -> byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e));
        Map<String, int[]> sessionsByProfile = new HashMap<>(); // profile -> {sessions, with shopping}
        byUser.forEach((user, events) -> {
            int[] counts = sessionsByProfile.computeIfAbsent(user.substring(0, 2), k -> new int[2]);
            boolean inSession = false;
            boolean shopping = false;
            for (LogEvent e : events) {
                if ("login".equals(e.action())) {
                    inSession = true;
                    shopping = false;
                } else if ("logout".equals(e.action()) && inSession) {
                    counts[0]++;
                    counts[1] += shopping ? 1 : 0;
                    inSession = false;
                } else if (inSession && (e.block() == Block.ECOMMERCE || e.block() == Block.PAYMENT)) {
                    shopping = true;
                }
            }
        });
        assertThat(sessionsByProfile).containsOnlyKeys("p2", "p8");
        for (Map.Entry<String, int[]> e : sessionsByProfile.entrySet()) {
            double level = e.getKey().equals("p2") ? 0.2 : 0.8;
            int[] c = e.getValue();
            assertThat(c[0]).isGreaterThan(300);
            assertThat(c[1] / (double) c[0]).as(e.getKey()).isCloseTo(level, within(0.06));
        }
    }

    @Test
    @DisplayName("the example project's 14 days produce every commerce, payment and loyalty event type of 5.2")
    void exampleProject() throws URISyntaxException {
        Path file = Path.of(ShoppingRunTest.class.getResource("/config/example_project.yml").toURI());
        SimulationConfig config = SimulationConfig.fromYaml(file);
        MemorySink sink = new MemorySink();
        Simulation.builder().config(config).seed(1).stateStore(new InMemoryStateStore()).addSink(sink).build().run();
        Set<String> types = new TreeSet<>();
        sink.logEvents().forEach(e -> types.add(e.type()));
        // promo events need global.use_promotions, which the example leaves off
        assertThat(types).contains("item", "cart", "checkout", "cancel_checkout", "schedule_delivery", "delivery",
                "deferred_payment", "payment_method", "milestone", "level", "rate", "page", "media", "module");
        assertThat(sink.logEvents()).anyMatch(e -> "remove_favorite".equals(e.action()))
                .anyMatch(e -> "add_reminder".equals(e.action()))
                .anyMatch(e -> "update".equals(e.action()) && e.type().equals("schedule_delivery"))
                .anyMatch(e -> "cart".equals(e.props().get("type")) && e.type().equals("cancel_checkout"))
                .anyMatch(e -> "order".equals(e.props().get("type")) && e.type().equals("cancel_checkout"));
    }
}
