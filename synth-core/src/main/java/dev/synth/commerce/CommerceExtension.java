package dev.synth.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synth.catalog.CatalogCache;
import dev.synth.catalog.CatalogItem;
import dev.synth.catalog.CatalogType;
import dev.synth.config.CatalogConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.engine.DriverExtension;
import dev.synth.engine.StepContext;
import dev.synth.event.Block;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.event.Timestamps;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import dev.synth.user.OrderPlaced;
import dev.synth.user.PurchaseEngagementUser;
import dev.synth.user.ShopItems;
import dev.synth.user.StateUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The simulation-wide side of shopping (reference 3.3.8-3.3.10, 8.4): promotions, and the follow-ups of every
 * order a purchase user placed.
 *
 * <ul>
 *   <li><b>Promotions</b> (when {@code use_promotions} is on), before users generate in each step ending at
 *       {@code e}: as many new promotions as needed for {@code catalogs.promo.target_count} to be valid at
 *       {@code e}, each starting at the step's start {@code e - 1 h} and lasting {@code [length_min_days,
 *       length_max_days]} whole days (D17). Expired promotions are kept (see
 *       {@link CatalogCache#promotionsAt}).</li>
 *   <li><b>Orders</b>: when an {@link OrderPlaced} message is released, the {@code payment_method} event 5-30 s
 *       after the checkout, the {@code schedule_delivery schedule} event 5-30 s later and the {@code update}
 *       events spread evenly at random up to the delivery (or cancellation) time over the whole span (D18).
 *       A non-urgent delivery falls on a weekday between 08:00 and 20:00, never earlier than 1000 s after the
 *       checkout (D21); an urgent one 1-5 hours after the checkout at any time.</li>
 *   <li><b>Deliveries and cancellations</b> wait in this extension's state and are processed when due - every
 *       one due in a step (D16): a delivery writes the {@code delivery} event and possibly ratings of the order
 *       and of each item; a cancellation writes the {@code cancel_checkout} event (type {@code order}) and
 *       refunds the order's total to the user, through its inbox, if it is still active.</li>
 * </ul>
 * All randomness comes from streams keyed by the order id (or the step's end for promotions), so a run split
 * into parts produces exactly what one unbroken run produces; the pending deliveries and cancellations are saved
 * with the driver's state after every step.
 */
public final class CommerceExtension implements DriverExtension {
    /** Key of this extension's state in the driver's state. */
    public static final String NAME = "commerce";

    private static final long PROMO_KEY = RandomStreams.key("promotion");
    private static final long ORDER_KEY = RandomStreams.key("order.follow-up");
    private static final long DELIVERY_KEY = RandomStreams.key("order.delivery");
    private static final String DELIVERY = "delivery";
    private static final String CANCELLATION = "cancellation";

    /** A delivery or cancellation waiting for its time. */
    record Pending(long timeMicros, String kind, String orderId, String userId, String deviceId, long ordinal,
            boolean online, List<Map<String, Object>> items, double total, String deliveryId) {
    }

    private static final Comparator<Pending> ORDER = Comparator.comparingLong(Pending::timeMicros)
            .thenComparing(Pending::orderId).thenComparing(Pending::kind);

    private final SimulationConfig config;
    private final FakeData fake = new FakeData();
    private final TreeSet<Pending> pending = new TreeSet<>(ORDER);

    public CommerceExtension(SimulationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---------------------------------------------------------------------------------------------- promotions

    @Override
    public void beforeUsers(StepContext step) {
        if (!config.global().usePromotions()) {
            return;
        }
        CatalogConfig cfg = config.catalogs().getOrDefault(CatalogType.PROMO, CatalogConfig.defaults());
        CatalogCache catalogs = step.catalogs();
        long end = step.stepEndMicros();
        int shopItems = 0;
        for (CatalogType type : CatalogType.values()) {
            if (type.isShopItem()) {
                shopItems += catalogs.count(type);
            }
        }
        if (shopItems == 0) {
            return;
        }
        int valid = catalogs.promotionsAt(end).promotions().size();
        long start = end - Micros.PER_HOUR;
        for (int i = 0; valid + i < cfg.targetCount(); i++) {
            SimRandom r = step.streams().stream(PROMO_KEY, end, i);
            int days = Math.max(1, r.intInclusive(cfg.intProperty("length_min_days", 1),
                    cfg.intProperty("length_max_days", 31)));
            double ratio = Math.round(r.between(cfg.doubleProperty("cost_adjustment_min_ratio", 0.4),
                    cfg.doubleProperty("cost_adjustment_max_ratio", 0.95)) * 100) / 100.0;
            int count = Math.min(shopItems, r.intInclusive(cfg.intProperty("item_min_count", 1),
                    cfg.intProperty("item_max_count", 10)));
            List<String> uuids = new ArrayList<>(count);
            List<String> types = new ArrayList<>(count);
            for (CatalogItem item : catalogs.pickDistinctShopItems(count, r)) {
                uuids.add(item.uuid());
                types.add(item.type().configName());
            }
            String type = r.nextBoolean() ? "add_to_cart" : "coupon";
            String uuid = r.uuid().toString();
            String title = fake.reseed(r.nextLong()).sentence();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("uuid", uuid);
            data.put("type", type);
            data.put("title", title);
            data.put("cost_adjustment_ratio", ratio);
            data.put("promoted_item_uuids", uuids);
            data.put("promoted_item_types", types);
            data.put("start_timestamp", seconds(start));
            data.put("end_timestamp", seconds(start + days * Micros.PER_DAY));
            step.addCatalogEntry(CatalogItem.of(CatalogType.PROMO, data), start);
        }
    }

    private static double seconds(long micros) {
        return micros / (double) Micros.PER_SECOND;
    }

    // ------------------------------------------------------------------------------------------------- orders

    @Override
    public void onReleased(Object item, StepContext step) {
        if (item instanceof OrderPlaced order) {
            followUp(order, step);
        }
    }

    private void followUp(OrderPlaced o, StepContext step) {
        SimRandom r = step.streams().stream(ORDER_KEY, RandomStreams.key(o.orderId()));
        long checkout = o.checkoutMicros();
        long delivery = deliveryTime(o, r);
        long paid = checkout + r.intInclusive(5, 30) * Micros.PER_SECOND;
        schedule(step, o.userId(), o.deviceId(), o.userOrdinal(), paid, o.online(), "payment_method", Block.PAYMENT,
                Props.of("order_id", o.orderId(), "type", r.pick(PurchaseEngagementUser.PAYMENT_TYPES),
                        "payment_amount", ShopItems.money(o.total()), "currency", "USD", "usd_rate", 1.0), r);
        long scheduled = paid + r.intInclusive(5, 30) * Micros.PER_SECOND;
        long eventsEnd = delivery;
        if (o.willBeCancelled()) {
            eventsEnd = scheduled + Math.round((delivery - scheduled) * r.nextDouble());
        }
        String deliveryTs = Timestamps.format(delivery);
        schedule(step, o.userId(), o.deviceId(), o.userOrdinal(), scheduled, o.online(), "schedule_delivery",
                Block.ECOMMERCE, Props.of("order_id", o.orderId(), "is_urgent", o.urgent(), "action", "schedule",
                        "delivery_ts", deliveryTs), r);
        if (o.updateCount() > 0) {
            double[] ratios = new double[o.updateCount()];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = r.nextDouble();
            }
            Arrays.sort(ratios);
            for (double ratio : ratios) {
                schedule(step, o.userId(), o.deviceId(), o.userOrdinal(),
                        scheduled + (long) ((eventsEnd - scheduled) * ratio), o.online(), "schedule_delivery",
                        Block.ECOMMERCE, Props.of("order_id", o.orderId(), "is_urgent", o.urgent(), "action", "update",
                                "delivery_ts", deliveryTs), r);
            }
        }
        if (o.willBeCancelled()) {
            pending.add(new Pending(eventsEnd, CANCELLATION, o.orderId(), o.userId(), o.deviceId(), o.userOrdinal(),
                    o.online(), o.items(), o.total(), null));
        } else {
            pending.add(new Pending(delivery, DELIVERY, o.orderId(), o.userId(), o.deviceId(), o.userOrdinal(),
                    o.online(), o.items(), o.total(), r.uuid().toString()));
        }
    }

    /**
     * When the order arrives (reference 3.3.8 steps 1-3, D21): urgent orders 1-5 hours after the checkout;
     * others about a day plus up to {@code delivery_delay_max_days} later, moved into working hours (a weekday,
     * 08:00-20:00), and never earlier than 1000 s after the checkout.
     */
    static long deliveryTime(OrderPlaced o, SimRandom r) {
        long checkout = o.checkoutMicros();
        if (o.urgent()) {
            return checkout + Micros.seconds(3600 * (1 + 4 * r.nextDouble()));
        }
        double delaySeconds = 86_400 + o.deliveryDelayMaxDays() * 86_400.0 * Math.abs(r.nextGaussian() * 0.1)
                - 86_400 * Math.abs(r.nextGaussian() * 0.2);
        long earliest = checkout + 1000 * Micros.PER_SECOND;
        long delivery = workingSlot(checkout + Micros.seconds(delaySeconds), r);
        while (delivery < earliest) {
            delivery = workingSlot((Micros.epochDay(delivery) + 1) * Micros.PER_DAY, r);
        }
        return delivery;
    }

    /** A time between 08:00 and 20:00 of the first weekday on or after {@code ideal}'s day (next day after 20:00). */
    static long workingSlot(long ideal, SimRandom r) {
        long day = Micros.epochDay(ideal);
        if (Micros.hourOfDay(ideal) >= 20) {
            day++;
        }
        while (Micros.dayOfWeek(day * Micros.PER_DAY) >= 5) {
            day++;
        }
        return day * Micros.PER_DAY + 8 * Micros.PER_HOUR + (long) (r.nextDouble() * 12 * Micros.PER_HOUR);
    }

    // ------------------------------------------------------------------------------ deliveries, cancellations

    @Override
    public void afterUsers(StepContext step) {
        while (!pending.isEmpty() && pending.first().timeMicros() < step.stepEndMicros()) {
            Pending p = pending.pollFirst();
            if (DELIVERY.equals(p.kind())) {
                deliver(p, step);
            } else {
                cancel(p, step);
            }
        }
    }

    private void deliver(Pending p, StepContext step) {
        SimRandom r = step.streams().stream(DELIVERY_KEY, RandomStreams.key(p.orderId()));
        schedule(step, p.userId(), p.deviceId(), p.ordinal(), p.timeMicros(), true, "delivery", Block.ECOMMERCE,
                Props.of("order_id", p.orderId(), "action", "delivered", "id", p.deliveryId()), r);
        rate(step, p, r, p.orderId(), "order");
        for (Map<String, Object> item : p.items()) {
            rate(step, p, r, String.valueOf(item.get("id")), String.valueOf(item.get("type")));
        }
    }

    /** A possible rating some minutes to hours after the delivery (reference 3.3.9, 3.5.6). */
    private void rate(StepContext step, Pending p, SimRandom r, String subjectId, String subjectType) {
        long t = p.timeMicros() + r.intInclusive(300, 30_000) * Micros.PER_SECOND;
        double probability = config.global().ratingProbability();
        if (probability > 0 && r.chance(probability)) {
            t += r.intInclusive(5, 30) * Micros.PER_SECOND;
            schedule(step, p.userId(), p.deviceId(), p.ordinal(), t, true, "rate", Block.CORE,
                    Props.of("subject_id", subjectId, "type", subjectType, "rate_value", r.between(1, 5)), r);
        }
    }

    private void cancel(Pending p, StepContext step) {
        SimRandom r = step.streams().stream(DELIVERY_KEY, RandomStreams.key(p.orderId()));
        schedule(step, p.userId(), p.deviceId(), p.ordinal(), p.timeMicros(), p.online(), "cancel_checkout",
                Block.ECOMMERCE, Props.of("id", p.orderId(), "type", "order", "items", List.copyOf(p.items()),
                        "reason", "Unknown"), r);
        step.deliver(p.userId(), new StateUpdate(PurchaseEngagementUser.REFUND, p.total()));
    }

    private static void schedule(StepContext step, String userId, String deviceId, long ordinal, long time,
            boolean online, String type, Block block, Map<String, Object> props, SimRandom r) {
        int up = 1000 + r.nextInt(99_000);
        int dn = 1000 + r.nextInt(99_000);
        step.schedule(time, ordinal, new LogEvent(userId, deviceId, time, online, type, block, props, up, dn));
    }

    // ------------------------------------------------------------------------------------------------- state

    @Override
    public JsonNode save(ObjectMapper mapper) {
        if (pending.isEmpty()) {
            return null;
        }
        ArrayNode array = mapper.createArrayNode();
        for (Pending p : pending) {
            ObjectNode n = array.addObject();
            n.put("time", p.timeMicros());
            n.put("kind", p.kind());
            n.put("order_id", p.orderId());
            n.put("user_id", p.userId());
            n.put("device_id", p.deviceId());
            n.put("ordinal", p.ordinal());
            n.put("online", p.online());
            ArrayNode items = n.putArray("items");
            for (Map<String, Object> item : p.items()) {
                items.addObject().put("id", String.valueOf(item.get("id"))).put("type", String.valueOf(item.get("type")));
            }
            n.put("total", p.total());
            if (p.deliveryId() != null) {
                n.put("delivery_id", p.deliveryId());
            }
        }
        ObjectNode node = mapper.createObjectNode();
        node.set("pending", array);
        return node;
    }

    @Override
    public void restore(JsonNode state, ObjectMapper mapper) {
        pending.clear();
        for (JsonNode n : state.path("pending")) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (JsonNode item : n.path("items")) {
                items.add(Props.of("id", item.path("id").asText(), "type", item.path("type").asText()));
            }
            pending.add(new Pending(n.path("time").asLong(), n.path("kind").asText(), n.path("order_id").asText(),
                    n.path("user_id").asText(), n.path("device_id").asText(), n.path("ordinal").asLong(),
                    n.path("online").asBoolean(), List.copyOf(items), n.path("total").asDouble(),
                    n.hasNonNull("delivery_id") ? n.path("delivery_id").asText() : null));
        }
    }

    /** The deliveries waiting, as (order id, delivery time) in time order - for tests and monitoring. */
    public List<Map.Entry<String, Long>> scheduledDeliveries() {
        return waiting(DELIVERY);
    }

    /** The cancellations waiting, as (order id, cancellation time) in time order. */
    public List<Map.Entry<String, Long>> scheduledCancellations() {
        return waiting(CANCELLATION);
    }

    private List<Map.Entry<String, Long>> waiting(String kind) {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        for (Pending p : pending) {
            if (p.kind().equals(kind)) {
                out.add(Map.entry(p.orderId(), p.timeMicros()));
            }
        }
        return out;
    }
}
