package dev.synth.model.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.synth.catalog.CatalogCache;
import dev.synth.catalog.CatalogItem;
import dev.synth.config.CatalogConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.engine.DriverExtension;
import dev.synth.engine.NamedExtensionProvider;
import dev.synth.engine.StepContext;
import dev.synth.event.Block;
import dev.synth.event.CatalogType;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.event.Timestamps;
import dev.synth.model.session.EventPerPeriodUser;
import dev.synth.model.session.SessionEngagementUser;
import dev.synth.model.session.ShopItems;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import dev.synth.user.StateUpdate;
import dev.synth.user.UserMessage;
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
    private static final String DELIVERY = "delivery";
    private static final String CANCELLATION = "cancellation";

    /** One follow-up event of an order; {@code refund} marks the cancellation that refunds the order. */
    record FollowUp(LogEvent event, boolean refund) {
    }

    /** An order with follow-up events still to release; {@code emitted} of them are out. */
    static final class OpenOrder {
        final OrderPlaced order;
        /** Null for a restored order until the first step rebuilds it (the streams are needed). */
        List<FollowUp> events;
        final int emitted;
        final long nextTime;
        JsonNode encoded;
        private String json;

        OpenOrder(OrderPlaced order, List<FollowUp> events, int emitted) {
            this.order = order;
            this.events = events;
            this.emitted = emitted;
            this.nextTime = events.get(emitted).event().timeMicros();
        }

        OpenOrder(OrderPlaced order, int emitted, long nextTime, JsonNode encoded) {
            this.order = order;
            this.emitted = emitted;
            this.nextTime = nextTime;
            this.encoded = encoded;
        }

        long nextTime() {
            return nextTime;
        }

        /** The order's final event: the delivery or the cancellation. */
        FollowUp terminal() {
            for (FollowUp f : events) {
                if (f.refund() || f.event().type().equals("delivery")) {
                    return f;
                }
            }
            throw new IllegalStateException("order " + order.orderId() + " has no delivery or cancellation");
        }

        /** The {@link #encoded} form as JSON text, cached. */
        String json(ObjectMapper mapper) {
            if (json == null) {
                try {
                    json = mapper.writeValueAsString(encoded(mapper));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("cannot encode order " + order.orderId(), e);
                }
            }
            return json;
        }

        JsonNode encoded(ObjectMapper mapper) {
            if (encoded == null) {
                ObjectNode n = mapper.createObjectNode();
                n.put("order_id", order.orderId()).put("user_id", order.userId()).put("device_id", order.deviceId())
                        .put("user_ordinal", order.userOrdinal()).put("checkout", order.checkoutMicros())
                        .put("online", order.online()).put("urgent", order.urgent())
                        .put("cancelled", order.willBeCancelled()).put("update_count", order.updateCount())
                        .put("total", order.total()).put("delivery_delay_max_days", order.deliveryDelayMaxDays());
                ArrayNode items = n.putArray("items");
                for (Map<String, Object> item : order.items()) {
                    items.addObject().put("id", String.valueOf(item.get("id")))
                            .put("type", String.valueOf(item.get("type")));
                }
                FollowUp end = terminal();
                n.put("emitted", emitted).put("end", end.refund() ? CANCELLATION : DELIVERY)
                        .put("end_time", end.event().timeMicros()).put("next_time", nextTime);
                encoded = n;
            }
            return encoded;
        }

        /** Reads what {@link #encoded} wrote. */
        static OpenOrder decode(JsonNode n) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (JsonNode item : n.path("items")) {
                items.add(Props.of("id", item.path("id").asText(), "type", item.path("type").asText()));
            }
            OrderPlaced order = new OrderPlaced(n.path("order_id").asText(), n.path("user_id").asText(),
                    n.path("device_id").asText(), n.path("user_ordinal").asLong(), n.path("checkout").asLong(),
                    n.path("online").asBoolean(), n.path("urgent").asBoolean(), n.path("cancelled").asBoolean(),
                    n.path("update_count").asInt(), n.path("total").asDouble(), items,
                    n.path("delivery_delay_max_days").asInt());
            return new OpenOrder(order, n.path("emitted").asInt(), n.path("next_time").asLong(), n);
        }
    }

    private static final Comparator<OpenOrder> ORDER = Comparator.comparingLong(OpenOrder::nextTime)
            .thenComparing(o -> o.order.orderId());

    private final SimulationConfig config;
    private final FakeData fake = new FakeData();
    /** Orders with follow-ups to release, by (next due time, order id). */
    private final TreeSet<OpenOrder> open = new TreeSet<>(ORDER);

    public CommerceExtension(SimulationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The built-in provider, found by {@link java.util.ServiceLoader}. */
    public static final class Provider extends NamedExtensionProvider {
        public Provider() {
            super(NAME, env -> new CommerceExtension(env.config()));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Orders come from users as messages, and their follow-ups fall due after the users: a run whose users are all
     * of the session models (which place no orders) and that has no open order does nothing in the users' part.
     */
    @Override
    public boolean watchesUsers() {
        return !open.isEmpty() || config.profiles().values().stream().map(p -> p.userType())
                .anyMatch(type -> !type.equals(SessionEngagementUser.TYPE) && !type.equals(EventPerPeriodUser.TYPE));
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
            int days = Math.max(1, r.intInclusive(cfg.intProperty(CatalogType.PROMO, "length_min_days"),
                    cfg.intProperty(CatalogType.PROMO, "length_max_days")));
            double ratio = Math.round(r.between(cfg.doubleProperty(CatalogType.PROMO, "cost_adjustment_min_ratio"),
                    cfg.doubleProperty(CatalogType.PROMO, "cost_adjustment_max_ratio")) * 100) / 100.0;
            int count = Math.min(shopItems, r.intInclusive(cfg.intProperty(CatalogType.PROMO, "item_min_count"),
                    cfg.intProperty(CatalogType.PROMO, "item_max_count")));
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
    public void onMessage(UserMessage message, StepContext step) {
        if (message.message() instanceof OrderPlaced order) {
            open.add(new OpenOrder(order, followUps(order, step.streams(), config.global().ratingProbability()), 0));
        }
    }

    /**
     * All follow-up events of an order, in time order (a pure function of the order and its stream, so it is
     * rebuilt, not stored, on resume): payment method, schedule, updates, then the delivery with its possible
     * ratings, or the cancellation.
     */
    static List<FollowUp> followUps(OrderPlaced o, RandomStreams streams, double ratingProbability) {
        SimRandom r = streams.stream(ORDER_KEY, RandomStreams.key(o.orderId()));
        List<FollowUp> out = new ArrayList<>();
        long checkout = o.checkoutMicros();
        long delivery = deliveryTime(o, r);
        long paid = checkout + r.intInclusive(5, 30) * Micros.PER_SECOND;
        out.add(event(o, r, paid, o.online(), "payment_method", Block.PAYMENT,
                Props.of("order_id", o.orderId(), "type", r.pick(PurchaseEngagementUser.PAYMENT_TYPES),
                        "payment_amount", ShopItems.money(o.total()), "currency", "USD", "usd_rate", 1.0)));
        long scheduled = paid + r.intInclusive(5, 30) * Micros.PER_SECOND;
        long eventsEnd = delivery;
        if (o.willBeCancelled()) {
            eventsEnd = scheduled + Math.round((delivery - scheduled) * r.nextDouble());
        }
        String deliveryTs = Timestamps.format(delivery);
        out.add(event(o, r, scheduled, o.online(), "schedule_delivery", Block.ECOMMERCE, Props.of("order_id",
                o.orderId(), "is_urgent", o.urgent(), "action", "schedule", "delivery_ts", deliveryTs)));
        double[] ratios = new double[Math.max(0, o.updateCount())];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = r.nextDouble();
        }
        Arrays.sort(ratios);
        for (double ratio : ratios) {
            out.add(event(o, r, scheduled + (long) ((eventsEnd - scheduled) * ratio), o.online(), "schedule_delivery",
                    Block.ECOMMERCE, Props.of("order_id", o.orderId(), "is_urgent", o.urgent(), "action", "update",
                            "delivery_ts", deliveryTs)));
        }
        if (o.willBeCancelled()) {
            FollowUp cancel = event(o, r, eventsEnd, o.online(), "cancel_checkout", Block.ECOMMERCE,
                    Props.of("id", o.orderId(), "type", "order", "items", List.copyOf(o.items()), "reason", "Unknown"));
            out.add(new FollowUp(cancel.event(), true));
        } else {
            out.add(event(o, r, delivery, true, "delivery", Block.ECOMMERCE,
                    Props.of("order_id", o.orderId(), "action", "delivered", "id", r.uuid().toString())));
            rate(o, r, delivery, o.orderId(), "order", ratingProbability, out);
            for (Map<String, Object> item : o.items()) {
                rate(o, r, delivery, String.valueOf(item.get("id")), String.valueOf(item.get("type")),
                        ratingProbability, out);
            }
        }
        out.sort(Comparator.comparingLong(f -> f.event().timeMicros())); // stable: generation order at equal times
        return out;
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

    /** A possible rating some minutes to hours after the delivery (reference 3.3.9, 3.5.6). */
    private static void rate(OrderPlaced o, SimRandom r, long delivery, String subjectId, String subjectType,
            double probability, List<FollowUp> out) {
        long t = delivery + r.intInclusive(300, 30_000) * Micros.PER_SECOND;
        if (probability > 0 && r.chance(probability)) {
            t += r.intInclusive(5, 30) * Micros.PER_SECOND;
            out.add(event(o, r, t, true, "rate", Block.CORE,
                    Props.of("subject_id", subjectId, "type", subjectType, "rate_value", r.between(1, 5))));
        }
    }

    private static FollowUp event(OrderPlaced o, SimRandom r, long time, boolean online, String type, Block block,
            Map<String, Object> props) {
        int up = 1000 + r.nextInt(99_000);
        int dn = 1000 + r.nextInt(99_000);
        return new FollowUp(new LogEvent(o.userId(), o.deviceId(), time, online, type, block, props, up, dn), false);
    }

    // ------------------------------------------------------------------------------ deliveries, cancellations

    /**
     * Releases the follow-up events due in this step - all of them, of every order (D16) - and refunds cancelled
     * orders to their users' inboxes.
     */
    @Override
    public void afterUsers(StepContext step) {
        long end = step.stepEndMicros();
        while (!open.isEmpty() && open.first().nextTime() < end) {
            OpenOrder order = open.pollFirst();
            if (order.events == null) {
                order.events = followUps(order.order, step.streams(), config.global().ratingProbability());
            }
            int i = order.emitted;
            while (i < order.events.size() && order.events.get(i).event().timeMicros() < end) {
                FollowUp f = order.events.get(i++);
                step.schedule(f.event().timeMicros(), order.order.userOrdinal(), f.event());
                if (f.refund()) {
                    step.deliver(order.order.userId(), new StateUpdate(PurchaseEngagementUser.REFUND,
                            order.order.total()));
                }
            }
            if (i < order.events.size()) {
                open.add(new OpenOrder(order.order, order.events, i));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- state

    /**
     * The open orders, each as an object of named fields - the order's facts and how many of its follow-ups
     * were released; the follow-ups themselves are rebuilt from the order's random stream on resume. Each order's
     * JSON text is built once per change and the array is spliced in raw, so saving after every step stays
     * cheap (a copy of the text).
     */
    @Override
    public JsonNode save(ObjectMapper mapper) {
        if (open.isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder(open.size() * 256).append('[');
        for (OpenOrder o : open) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(o.json(mapper));
        }
        ObjectNode node = mapper.createObjectNode();
        node.putRawValue("open_orders", new RawValue(json.append(']').toString()));
        return node;
    }

    @Override
    public void restore(JsonNode state, ObjectMapper mapper) {
        open.clear();
        for (JsonNode n : state.path("open_orders")) {
            open.add(OpenOrder.decode(n));
        }
    }
}
