package dev.synth.catalog;

import dev.synth.event.Props;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The promotions valid at one instant and, per shop item, the offers that apply to it (reference 8.4's
 * promotions index). A promotion is valid at {@code t} when {@code start_timestamp < t <= end_timestamp}
 * (both epoch seconds): a promotion created in the step ending at {@code e} starts at the step's start
 * {@code e - 1 h}, so it is visible to windows generated in that step and later, never to a window generated
 * in an earlier step - which keeps a regenerated window identical to the original (D8).
 *
 * <p>Promotions are listed by (start, uuid), an order that does not depend on the order in which a state store
 * returns them. Immutable.
 */
public final class PromotionIndex {
    /** A discount on one item: the promotion and its price factor. */
    public record Offer(String promoId, double ratio) {
    }

    static final PromotionIndex EMPTY = new PromotionIndex(List.of(), Map.of(), Map.of());

    private static final Comparator<CatalogItem> ORDER = Comparator
            .comparingLong((CatalogItem p) -> startMicros(p)).thenComparing(CatalogItem::uuid);

    private final List<CatalogItem> promotions;
    private final Map<String, List<Offer>> offers;
    private final Map<String, List<Object>> itemRefs;

    private PromotionIndex(List<CatalogItem> promotions, Map<String, List<Offer>> offers,
            Map<String, List<Object>> itemRefs) {
        this.promotions = promotions;
        this.offers = offers;
        this.itemRefs = itemRefs;
    }

    /** The index of the promotions among {@code all} that are valid at {@code micros}. */
    public static PromotionIndex of(List<CatalogItem> all, long micros) {
        List<CatalogItem> valid = new ArrayList<>();
        for (CatalogItem promo : all) {
            if (isValidAt(promo, micros)) {
                valid.add(promo);
            }
        }
        if (valid.isEmpty()) {
            return EMPTY;
        }
        valid.sort(ORDER);
        Map<String, List<Offer>> offers = new HashMap<>();
        Map<String, List<Object>> itemRefs = new HashMap<>();
        for (CatalogItem promo : valid) {
            Offer offer = new Offer(promo.uuid(), promo.costAdjustmentRatio());
            List<String> uuids = promo.strings("promoted_item_uuids");
            List<String> types = promo.strings("promoted_item_types");
            List<Object> refs = new ArrayList<>(uuids.size());
            for (int i = 0; i < uuids.size(); i++) {
                offers.computeIfAbsent(uuids.get(i), k -> new ArrayList<>(2)).add(offer);
                refs.add(Props.of("id", uuids.get(i), "type", types.get(i)));
            }
            itemRefs.put(promo.uuid(), Collections.unmodifiableList(refs));
        }
        return new PromotionIndex(Collections.unmodifiableList(valid), offers, itemRefs);
    }

    /** {@code start_timestamp < micros <= end_timestamp}. */
    public static boolean isValidAt(CatalogItem promo, long micros) {
        return startMicros(promo) < micros && micros <= toMicros(promo.endTimestamp());
    }

    private static long startMicros(CatalogItem promo) {
        return toMicros(promo.number("start_timestamp"));
    }

    private static long toMicros(double epochSeconds) {
        return Math.round(epochSeconds * 1_000_000d);
    }

    /** The valid promotions, by (start, uuid). */
    public List<CatalogItem> promotions() {
        return promotions;
    }

    /** The offers on an item, in promotion order; empty when none applies. */
    public List<Offer> offersFor(String itemUuid) {
        return offers.getOrDefault(itemUuid, List.of());
    }

    /** A valid promotion's items as {@code {id, type}} maps, as promo events list them. */
    public List<Object> itemRefs(CatalogItem promo) {
        List<Object> refs = itemRefs.get(promo.uuid());
        if (refs == null) {
            throw new IllegalArgumentException("promotion " + promo.uuid() + " is not in this index");
        }
        return refs;
    }

    public boolean isEmpty() {
        return promotions.isEmpty();
    }
}
