package dev.synth.model.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.catalog.CatalogCache;
import dev.synth.catalog.CatalogItem;
import dev.synth.catalog.PromotionIndex;
import dev.synth.config.EngagementConfig;
import dev.synth.config.ProfileConfig;
import dev.synth.config.PurchaseBehaviourConfig;
import dev.synth.event.Block;
import dev.synth.event.CatalogType;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.model.session.EventBlocks;
import dev.synth.model.session.SessionEngagementUser;
import dev.synth.model.session.ShopItems;
import dev.synth.random.SimRandom;
import dev.synth.user.StateUpdate;
import dev.synth.user.NamedUserType;
import dev.synth.user.UserIdentity;
import dev.synth.user.Window;
import dev.synth.variable.DailyVariableManager;
import dev.synth.variable.Engagement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shopper (reference 3.3): a {@link SessionEngagementUser} whose sessions may also contain a shopping flow.
 * It has a second, hidden purchase engagement that drifts day by day; a session contains the shopping flow
 * with probability equal to it (D23). The flow follows any normal content of the session (D21):
 * <ol>
 *   <li>item interests, chosen once from the shop catalogs, each needing a number of views before a purchase;</li>
 *   <li>the account: an initial deferred payment, later top-ups when the balance runs low (D15);</li>
 *   <li>random item impressions, then views of interesting items with details, favourites and reminders;</li>
 *   <li>views of the promotions valid when the window was generated;</li>
 *   <li>a cart of the items viewed often enough, possibly at promotional prices, and the order: promotion
 *       apply events, then a checkout - or a cancellation of the cart - and milestones for the spending.</li>
 * </ol>
 * A successful checkout deducts the order's total, the sum of its items' costs (D14), and signals an
 * {@link OrderPlaced} message, which the simulation turns into payment, delivery and cancellation events. A cart
 * cancelled before checkout costs nothing. Refunds of cancelled orders arrive as {@link #REFUND} state updates.
 */
public class PurchaseEngagementUser extends SessionEngagementUser {
    /** The registered user type name. */
    public static final String TYPE = "purchase_engagement";

    /** Makes this user type known by its {@link #TYPE} name; found by {@link java.util.ServiceLoader}. */
    public static final class Type extends NamedUserType {
        public Type() {
            super(TYPE, PurchaseEngagementUser::new);
        }

        /** Its users pick content event types only for normal content ({@code behaviour.normal_event_probability}). */
        @Override
        public boolean needsEventProbabilities(ProfileConfig profile) {
            return profile.behaviour().normalEventProbability() > 0;
        }
    }
    /** Name of the purchase engagement variable and of its state updates. */
    public static final String PURCHASE_ENGAGEMENT = "purchase_engagement";
    /** A state update crediting the account with its value (refund of a cancelled order). */
    public static final String REFUND = "refund";
    /** The payment types of payment events (reference 5.2). */
    public static final List<String> PAYMENT_TYPES =
            List.of("bank_transfer", "cheque", "cod", "credit", "pos", "bank_card", "other");

    private static final String USD = "USD";
    /** The {@code usd_rate} of every event, boxed once (item events are the most numerous of all). */
    private static final Double USD_RATE = 1.0;

    /** One item the user is interested in. */
    public static class Interest {
        /** The item's catalog type name, e.g. {@code drug}. */
        public String catalogType;
        /** Chance that the item is viewed in a shopping session. */
        public double interestRatio;
        /** Views still needed before the item is bought; reset when it reaches 0 or less. */
        public int remainingViewCount;
    }

    /** Persistent state: the session user's plus the shopper's. */
    public static class PurchaseState extends State {
        public double purchaseEngagement;
        public long purchaseEngagementUpdatedMicros;
        /** Item uuid to interest, in the order the interests were chosen. */
        public LinkedHashMap<String, Interest> itemInterests = new LinkedHashMap<>();
        /** Account balance in USD; null until the first (initial) payment. */
        public Double accountBalance;
        public String preferredPaymentType;
        public double paymentFailureProbability;
        public double checkoutFailureProbability;
        public double checkoutUrgentProbability;
        public double checkoutCancellationProbability;
        public double checkoutPromoProbability;
        public List<String> currentFavorites = new ArrayList<>();
        public List<String> currentReminders = new ArrayList<>();
    }

    private PurchaseState shop;

    public PurchaseEngagementUser(UserIdentity identity, ProfileConfig profile) {
        super(identity, profile);
        shop = new PurchaseState();
        state = shop;
    }

    /** The shopper's state (live; do not modify). */
    public PurchaseState purchaseState() {
        return shop;
    }

    /** The current purchase engagement level. */
    public double purchaseEngagement() {
        return shop.purchaseEngagement;
    }

    /** The current account balance (0 before the first payment). */
    public double accountBalance() {
        return shop.accountBalance == null ? 0.0 : shop.accountBalance;
    }

    @Override
    protected void initialize(SimRandom random) {
        super.initialize(random);
        PurchaseBehaviourConfig c = profile().behaviour().purchase();
        shop.purchaseEngagement = Engagement.initialLevel(profile().purchaseEngagement(), random);
        shop.purchaseEngagementUpdatedMicros = identity().registrationMicros();
        shop.preferredPaymentType = random.pick(PAYMENT_TYPES);
        shop.paymentFailureProbability = random.between(c.paymentFailureProbabilityMin(), c.paymentFailureProbabilityMax());
        shop.checkoutFailureProbability =
                random.between(c.checkoutFailureProbabilityMin(), c.checkoutFailureProbabilityMax());
        shop.checkoutUrgentProbability = random.between(c.checkoutUrgentProbabilityMin(), c.checkoutUrgentProbabilityMax());
        shop.checkoutCancellationProbability =
                random.between(c.checkoutCancellationProbabilityMin(), c.checkoutCancellationProbabilityMax());
        shop.checkoutPromoProbability = random.between(c.checkoutPromoProbabilityMin(), c.checkoutPromoProbabilityMax());
    }

    @Override
    protected void apply(StateUpdate update) {
        switch (update.name()) {
            case PURCHASE_ENGAGEMENT -> shop.purchaseEngagement = Engagement.applyDaily(shop.purchaseEngagement,
                    update.value());
            case REFUND -> shop.accountBalance = accountBalance() + update.value();
            default -> super.apply(update);
        }
    }

    /** A shopper's day is generated whole: its purchase engagement changes are drawn after its sessions. */
    @Override
    protected boolean deferSessions(Window window) {
        return false;
    }

    @Override
    protected void generate(Window window) {
        super.generate(window);
        EngagementConfig config = profile().purchaseEngagement();
        DailyVariableManager<Window> manager = new DailyVariableManager<>(shop.purchaseEngagementUpdatedMicros) {
            @Override
            public String name() {
                return PURCHASE_ENGAGEMENT;
            }

            @Override
            protected long nextUpdateAfter(long boundaryMicros) {
                return nextDayBoundary(boundaryMicros);
            }

            @Override
            protected void update(long atMicros, Window w) {
                w.update(atMicros, new StateUpdate(PURCHASE_ENGAGEMENT, Engagement.dailyDelta(config, w.random())));
            }
        };
        manager.advanceTo(window.endMicros(), window);
        shop.purchaseEngagementUpdatedMicros = manager.lastUpdateMicros();
    }

    /**
     * Normal content with probability {@code normal_event_probability}, then the shopping flow with probability
     * equal to the purchase engagement (D21, D23). Returns when the later of the two ended.
     */
    @Override
    protected long content(Window window, long t, long durationSeconds, boolean online) {
        SimRandom random = window.random();
        boolean checkoutSuccessful = random.nextDouble() >= shop.checkoutFailureProbability;
        if (random.chance(profile().behaviour().normalEventProbability())) {
            t = super.content(window, t, durationSeconds, online);
        }
        if (random.chance(shop.purchaseEngagement)) {
            t = shopping(window, t, online, checkoutSuccessful);
        }
        return t;
    }

    /** The shopping flow (reference 3.3.1-3.3.7) starting at {@code t}; returns when it ended. */
    protected long shopping(Window window, long t, boolean online, boolean checkoutSuccessful) {
        SimRandom random = window.random();
        PurchaseBehaviourConfig c = profile().behaviour().purchase();
        CatalogCache catalogs = window.context().catalogs();
        chooseInterests(c, catalogs, random);
        t = account(window, c, t);
        // random impressions
        int impressions = (int) Math.rint(random.intInclusive(c.viewsPerSessionMin(), c.viewsPerSessionMax())
                * c.impressionRatio());
        for (CatalogItem item : catalogs.pickFromDistribution(c.catalogTypeProbabilities(), impressions, random)) {
            itemEvent(window, t, online, "impression", item);
        }
        t = interestViews(window, c, catalogs, t, online);
        PromotionIndex promotions = catalogs.promotionsAt(window.stepEndMicros());
        t = promotionViews(window, c, promotions, t, online);
        return purchase(window, c, catalogs, promotions, t, online, checkoutSuccessful);
    }

    private void chooseInterests(PurchaseBehaviourConfig c, CatalogCache catalogs, SimRandom random) {
        if (shop.itemInterests.isEmpty()) {
            int available = 0;
            for (CatalogType type : c.catalogTypeProbabilities().keySet()) {
                available += catalogs.count(type);
            }
            int n = (int) Math.rint(available * random.between(c.interestCatalogRangeMin(), c.interestCatalogRangeMax()));
            for (CatalogItem item : catalogs.pickFromDistribution(c.catalogTypeProbabilities(), n, random)) {
                Interest interest = new Interest();
                interest.catalogType = item.type().configName();
                interest.interestRatio = random.between(c.interestPerItemMin(), c.interestPerItemMax());
                shop.itemInterests.put(item.uuid(), interest);
            }
        }
        for (Interest interest : shop.itemInterests.values()) {
            if (interest.remainingViewCount <= 0) {
                interest.remainingViewCount =
                        random.intInclusive(c.viewsRequiredPerPurchaseMin(), c.viewsRequiredPerPurchaseMax());
            }
        }
    }

    /** The initial payment, or a top-up when the balance is low (reference 3.3.2, D15). */
    private long account(Window window, PurchaseBehaviourConfig c, long t) {
        SimRandom random = window.random();
        double payment = 0;
        boolean successful = false;
        if (shop.accountBalance == null) {
            payment = random.between(c.initialAccountBalanceMin(), c.initialAccountBalanceMax());
            shop.accountBalance = 0.0;
            successful = true;
        } else if (shop.accountBalance < c.initialAccountBalanceMin() && random.chance(c.topUpProbability())) {
            payment = (1 + Math.rint(random.between(c.initialAccountBalanceMin() / 100, c.initialAccountBalanceMax() / 100)))
                    * 100;
            successful = random.nextDouble() >= shop.paymentFailureProbability;
        }
        if (payment > 0) {
            if (successful) {
                shop.accountBalance += payment;
            }
            window.log(t, "deferred_payment", Block.PAYMENT, true, Props.of("id", random.uuid().toString(),
                    "action", "payment_processed", "type", shop.preferredPaymentType,
                    "account_balance", ShopItems.money(shop.accountBalance), "payment_amount", ShopItems.money(payment),
                    "currency", USD, "is_successful", successful, "usd_rate", USD_RATE,
                    "order_id", random.uuid().toString()));
            t += random.intInclusive(1, 199) * Micros.PER_SECOND;
        }
        return t;
    }

    /** Views of the interesting items with details, favourites and reminders (reference 3.3.4). */
    private long interestViews(Window window, PurchaseBehaviourConfig c, CatalogCache catalogs, long t,
            boolean online) {
        SimRandom random = window.random();
        List<String> views = new ArrayList<>();
        for (Map.Entry<String, Interest> e : shop.itemInterests.entrySet()) {
            Interest interest = e.getValue();
            if (random.chance(interest.interestRatio)) {
                int v = random.intInclusive(c.viewsPerSessionMin(), c.viewsPerSessionMax());
                for (int i = 0; i < v; i++) {
                    views.add(e.getKey());
                }
                interest.remainingViewCount -= v;
            }
        }
        random.shuffle(views);
        for (String uuid : views) {
            CatalogItem item = catalogs.byUuid(uuid).orElse(null);
            if (item == null) {
                continue;
            }
            itemEvent(window, t + Micros.PER_SECOND, online, "impression", item);
            itemEvent(window, t + 2 * Micros.PER_SECOND, online, "view", item);
            t += pause(random);
            if (random.chance(c.detailProbability())) {
                itemEvent(window, t, online, "detail", item);
                t += pause(random);
            }
            if (random.chance(c.favoriteProbability())) {
                boolean remove = shop.currentFavorites.remove(uuid);
                if (!remove) {
                    shop.currentFavorites.add(uuid);
                }
                itemEvent(window, t, online, remove ? "remove_favorite" : "add_favorite", item);
                t += pause(random);
            }
            if (random.chance(c.reminderProbability())) {
                boolean remove = shop.currentReminders.remove(uuid);
                String action = "add_reminder";
                if (remove) {
                    action = random.chance(c.autoReminderTypeProbability()) ? "remove_reminder_auto" : "remove_reminder";
                } else {
                    shop.currentReminders.add(uuid);
                }
                itemEvent(window, t, online, action, item);
                t += pause(random);
            }
        }
        return t;
    }

    /** Views of up to {@code views_per_session} distinct valid promotions, 1-5 s apart (reference 3.3.5). */
    private long promotionViews(Window window, PurchaseBehaviourConfig c, PromotionIndex promotions, long t,
            boolean online) {
        if (promotions.isEmpty()) {
            return t;
        }
        SimRandom random = window.random();
        int m = random.intInclusive(c.viewsPerSessionMin(), c.viewsPerSessionMax());
        List<CatalogItem> shuffled = new ArrayList<>(promotions.promotions());
        int k = Math.min(m, shuffled.size());
        for (int i = 0; i < k; i++) {
            int j = i + random.index(shuffled.size() - i);
            CatalogItem promo = shuffled.get(j);
            shuffled.set(j, shuffled.get(i));
            shuffled.set(i, promo);
            window.log(t, "promo", Block.LOYALTY, online, Props.of("id", promo.uuid(), "type", promo.string("type"),
                    "action", "view", "items", promotions.itemRefs(promo), "title", promo.title()));
            t += random.intInclusive(1, 5) * Micros.PER_SECOND;
        }
        return t;
    }

    private record Line(CatalogItem item, int quantity, double unitPrice, String promoId) {
    }

    /** The cart and the order (reference 3.3.6, 3.3.7, D14). */
    private long purchase(Window window, PurchaseBehaviourConfig c, CatalogCache catalogs, PromotionIndex promotions,
            long t, boolean online, boolean checkoutSuccessful) {
        SimRandom random = window.random();
        String cartId = random.uuid().toString();
        double total = 0;
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, Interest> e : shop.itemInterests.entrySet()) {
            if (e.getValue().remainingViewCount > 0) {
                continue;
            }
            CatalogItem item = catalogs.byUuid(e.getKey()).orElse(null);
            if (item == null) {
                continue;
            }
            int quantity = random.intInclusive(c.purchaseCountPerItemMin(), c.purchaseCountPerItemMax());
            boolean tryPromo = random.nextDouble() < shop.checkoutPromoProbability;
            double unit = item.price();
            String promoId = null;
            if (tryPromo) {
                List<PromotionIndex.Offer> offers = promotions.offersFor(item.uuid());
                if (!offers.isEmpty()) {
                    PromotionIndex.Offer offer = offers.get(random.index(offers.size()));
                    unit = unit * offer.ratio();
                    promoId = offer.promoId();
                }
            }
            Line line = new Line(item, quantity, unit, promoId);
            lines.add(line);
            total += quantity * unit;
            window.log(t, "cart", Block.ECOMMERCE, true, Props.of("id", cartId, "action", "add_item",
                    "item", linePayload(line, t), "cart_price", ShopItems.money(total), "currency", USD,
                    "usd_rate", USD_RATE));
            t += pause(random);
        }
        if (lines.isEmpty()) {
            return t;
        }
        lines.sort((a, b) -> a.item().uuid().compareTo(b.item().uuid()));
        String orderId = random.uuid().toString();
        boolean urgent = random.chance(shop.checkoutUrgentProbability);
        boolean cancelled = random.chance(shop.checkoutCancellationProbability);
        boolean cartCancelled = cancelled && random.nextBoolean();
        int updates = random.intInclusive(c.updateEventsPerCheckoutMin(), c.updateEventsPerCheckoutMax());

        TreeMap<String, List<Object>> promoItems = new TreeMap<>();
        List<Map<String, Object>> refs = new ArrayList<>(lines.size());
        List<Object> payloads = new ArrayList<>(lines.size());
        for (Line line : lines) {
            Map<String, Object> ref = Props.of("id", line.item().uuid(), "type", line.item().type().configName());
            refs.add(ref);
            payloads.add(linePayload(line, t));
            if (line.promoId() != null) {
                promoItems.computeIfAbsent(line.promoId(), k -> new ArrayList<>()).add(ref);
            }
        }
        for (Map.Entry<String, List<Object>> e : promoItems.entrySet()) {
            CatalogItem promo = catalogs.byUuid(e.getKey()).orElseThrow();
            window.log(t, "promo", Block.LOYALTY, online, Props.of("id", promo.uuid(), "type", promo.string("type"),
                    "action", "apply", "items", List.copyOf(e.getValue()), "title", promo.title()));
        }
        List<Object> itemRefs = List.copyOf(refs);
        if (cartCancelled) {
            window.log(t, "cancel_checkout", Block.ECOMMERCE, online, Props.of("id", orderId, "type", "cart",
                    "items", itemRefs, "reason", "Unknown"));
        } else {
            window.log(t, "checkout", Block.ECOMMERCE, online, Props.of("id", orderId, "items", List.copyOf(payloads),
                    "cart_price", ShopItems.money(total), "currency", USD, "is_successful", checkoutSuccessful,
                    "usd_rate", USD_RATE, "cart_id", cartId));
            if (checkoutSuccessful) {
                shop.accountBalance = accountBalance() - total;
                UserIdentity id = identity();
                window.signal(t, new OrderPlaced(orderId, id.platformUuid(), id.deviceId(), id.ordinal(), t, online,
                        urgent, cancelled, updates, total, refs,
                        profile().behaviour().schedule().deliveryDelayMaxDays()));
            }
        }
        if (!cancelled) {
            t = EventBlocks.milestones(scope(window, online), t, total, Block.ECOMMERCE);
        }
        return t;
    }

    private static Map<String, Object> linePayload(Line line, long t) {
        Map<String, Object> payload = ShopItems.payload(line.item(), line.quantity(), line.unitPrice(), t);
        if (line.promoId() == null) {
            return payload;
        }
        LinkedHashMap<String, Object> withPromo = new LinkedHashMap<>(payload);
        withPromo.put("promo_id", line.promoId());
        return Props.wrap(withPromo);
    }

    private static void itemEvent(Window window, long t, boolean online, String action, CatalogItem item) {
        window.log(t, "item", Block.ECOMMERCE, online, Props.of("action", action,
                "item", ShopItems.payload(item, 1, item.price(), t), "usd_rate", USD_RATE));
    }

    /** 5-29 whole seconds. */
    private static long pause(SimRandom random) {
        return random.intInclusive(5, 29) * Micros.PER_SECOND;
    }

    @Override
    protected JsonNode saveState(ObjectMapper mapper) {
        return mapper.valueToTree(shop);
    }

    @Override
    protected void restoreState(JsonNode node, ObjectMapper mapper) {
        try {
            shop = mapper.treeToValue(node, PurchaseState.class);
            state = shop;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
