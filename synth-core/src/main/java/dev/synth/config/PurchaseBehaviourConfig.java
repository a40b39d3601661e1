package dev.synth.config;

import dev.synth.event.CatalogType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How purchase users shop ({@code behaviour.purchase}, reference 2.8). Every {@code *Min} / {@code *Max} pair is an
 * inclusive range (D12); per-user probabilities are drawn once from their range when the user first needs them.
 *
 * <p>Range checks are done by {@link SimulationConfig#validate()}, not by the constructor.
 *
 * @param initialAccountBalanceMin lowest first payment into the account; also the balance below which a top-up may
 *        happen; default 0.0
 * @param initialAccountBalanceMax highest first payment into the account; default 2000.0
 * @param topUpProbability per session, chance of a top-up when the balance is below {@code
 *        initialAccountBalanceMin}; default 0.05
 * @param paymentFailureProbabilityMin lowest per-user probability that a payment fails; default 0.0
 * @param paymentFailureProbabilityMax highest per-user probability that a payment fails; default 0.2
 * @param checkoutFailureProbabilityMin lowest per-user probability that a checkout fails; default 0.0
 * @param checkoutFailureProbabilityMax highest per-user probability that a checkout fails; default 0.2
 * @param checkoutUrgentProbabilityMin lowest per-user probability that an order is urgent; default 0.0
 * @param checkoutUrgentProbabilityMax highest per-user probability that an order is urgent; default 0.5
 * @param checkoutCancellationProbabilityMin lowest per-user probability that an order is cancelled; default 0.0
 * @param checkoutCancellationProbabilityMax highest per-user probability that an order is cancelled; default 0.2
 * @param checkoutPromoProbabilityMin lowest per-user probability of trying a promotion for a purchased item;
 *        default 0.0
 * @param checkoutPromoProbabilityMax highest per-user probability of trying a promotion for a purchased item;
 *        default 0.2
 * @param interestCatalogRangeMin lowest fraction of the shop catalog a user becomes interested in; default 0.1
 * @param interestCatalogRangeMax highest fraction of the shop catalog a user becomes interested in; default 0.2
 * @param interestPerItemMin lowest per-session chance of viewing an interesting item; default 0.5
 * @param interestPerItemMax highest per-session chance of viewing an interesting item; default 1.0
 * @param viewsRequiredPerPurchaseMin fewest views of an item before it is bought; default 2
 * @param viewsRequiredPerPurchaseMax most views of an item before it is bought; default 5
 * @param viewsPerSessionMin fewest views of an item per session (also the base of impressions and promotion views);
 *        default 1
 * @param viewsPerSessionMax most views of an item per session; default 5
 * @param impressionRatio multiplier of the number of random impressions per session; default 2.0
 * @param detailProbability per view, chance of a detail event; default 0.3
 * @param favoriteProbability per view, chance of toggling a favourite; default 0.05
 * @param reminderProbability per view, chance of toggling a reminder; default 0.05
 * @param autoReminderTypeProbability when a reminder is removed, chance that the removal is automatic; default 0.05
 * @param purchaseCountPerItemMin smallest quantity bought of an item; default 1
 * @param purchaseCountPerItemMax largest quantity bought of an item; default 5
 * @param updateEventsPerCheckoutMin fewest delivery update events per checkout; default 0
 * @param updateEventsPerCheckoutMax most delivery update events per checkout; default 5
 * @param catalogTypeProbabilities relative weights of the shop item types for interests, impressions and search
 *        results; replaced as a whole when a profile sets it; default {blood: 1, drug: 1, oxygen: 1,
 *        medical_equipment: 1}
 */
public record PurchaseBehaviourConfig(
        double initialAccountBalanceMin,
        double initialAccountBalanceMax,
        double topUpProbability,
        double paymentFailureProbabilityMin,
        double paymentFailureProbabilityMax,
        double checkoutFailureProbabilityMin,
        double checkoutFailureProbabilityMax,
        double checkoutUrgentProbabilityMin,
        double checkoutUrgentProbabilityMax,
        double checkoutCancellationProbabilityMin,
        double checkoutCancellationProbabilityMax,
        double checkoutPromoProbabilityMin,
        double checkoutPromoProbabilityMax,
        double interestCatalogRangeMin,
        double interestCatalogRangeMax,
        double interestPerItemMin,
        double interestPerItemMax,
        int viewsRequiredPerPurchaseMin,
        int viewsRequiredPerPurchaseMax,
        int viewsPerSessionMin,
        int viewsPerSessionMax,
        double impressionRatio,
        double detailProbability,
        double favoriteProbability,
        double reminderProbability,
        double autoReminderTypeProbability,
        int purchaseCountPerItemMin,
        int purchaseCountPerItemMax,
        int updateEventsPerCheckoutMin,
        int updateEventsPerCheckoutMax,
        Map<CatalogType, Double> catalogTypeProbabilities) {

    private static final PurchaseBehaviourConfig DEFAULTS = new PurchaseBehaviourConfig(0.0, 2000.0, 0.05, 0.0, 0.2,
            0.0, 0.2, 0.0, 0.5, 0.0, 0.2, 0.0, 0.2, 0.1, 0.2, 0.5, 1.0, 2, 5, 1, 5, 2.0, 0.3, 0.05, 0.05, 0.05, 1, 5,
            0, 5, defaultCatalogTypeProbabilities());

    public PurchaseBehaviourConfig {
        catalogTypeProbabilities = ConfigValues.orderedCopy(catalogTypeProbabilities, "catalogTypeProbabilities");
    }

    private static Map<CatalogType, Double> defaultCatalogTypeProbabilities() {
        Map<CatalogType, Double> m = new LinkedHashMap<>();
        m.put(CatalogType.BLOOD, 1.0);
        m.put(CatalogType.DRUG, 1.0);
        m.put(CatalogType.OXYGEN, 1.0);
        m.put(CatalogType.MEDICAL_EQUIPMENT, 1.0);
        return m;
    }

    /** All defaults. */
    public static PurchaseBehaviourConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link PurchaseBehaviourConfig}; not thread-safe. */
    public static final class Builder {
        private double initialAccountBalanceMin;
        private double initialAccountBalanceMax;
        private double topUpProbability;
        private double paymentFailureProbabilityMin;
        private double paymentFailureProbabilityMax;
        private double checkoutFailureProbabilityMin;
        private double checkoutFailureProbabilityMax;
        private double checkoutUrgentProbabilityMin;
        private double checkoutUrgentProbabilityMax;
        private double checkoutCancellationProbabilityMin;
        private double checkoutCancellationProbabilityMax;
        private double checkoutPromoProbabilityMin;
        private double checkoutPromoProbabilityMax;
        private double interestCatalogRangeMin;
        private double interestCatalogRangeMax;
        private double interestPerItemMin;
        private double interestPerItemMax;
        private int viewsRequiredPerPurchaseMin;
        private int viewsRequiredPerPurchaseMax;
        private int viewsPerSessionMin;
        private int viewsPerSessionMax;
        private double impressionRatio;
        private double detailProbability;
        private double favoriteProbability;
        private double reminderProbability;
        private double autoReminderTypeProbability;
        private int purchaseCountPerItemMin;
        private int purchaseCountPerItemMax;
        private int updateEventsPerCheckoutMin;
        private int updateEventsPerCheckoutMax;
        private Map<CatalogType, Double> catalogTypeProbabilities;

        private Builder(PurchaseBehaviourConfig c) {
            initialAccountBalanceMin = c.initialAccountBalanceMin;
            initialAccountBalanceMax = c.initialAccountBalanceMax;
            topUpProbability = c.topUpProbability;
            paymentFailureProbabilityMin = c.paymentFailureProbabilityMin;
            paymentFailureProbabilityMax = c.paymentFailureProbabilityMax;
            checkoutFailureProbabilityMin = c.checkoutFailureProbabilityMin;
            checkoutFailureProbabilityMax = c.checkoutFailureProbabilityMax;
            checkoutUrgentProbabilityMin = c.checkoutUrgentProbabilityMin;
            checkoutUrgentProbabilityMax = c.checkoutUrgentProbabilityMax;
            checkoutCancellationProbabilityMin = c.checkoutCancellationProbabilityMin;
            checkoutCancellationProbabilityMax = c.checkoutCancellationProbabilityMax;
            checkoutPromoProbabilityMin = c.checkoutPromoProbabilityMin;
            checkoutPromoProbabilityMax = c.checkoutPromoProbabilityMax;
            interestCatalogRangeMin = c.interestCatalogRangeMin;
            interestCatalogRangeMax = c.interestCatalogRangeMax;
            interestPerItemMin = c.interestPerItemMin;
            interestPerItemMax = c.interestPerItemMax;
            viewsRequiredPerPurchaseMin = c.viewsRequiredPerPurchaseMin;
            viewsRequiredPerPurchaseMax = c.viewsRequiredPerPurchaseMax;
            viewsPerSessionMin = c.viewsPerSessionMin;
            viewsPerSessionMax = c.viewsPerSessionMax;
            impressionRatio = c.impressionRatio;
            detailProbability = c.detailProbability;
            favoriteProbability = c.favoriteProbability;
            reminderProbability = c.reminderProbability;
            autoReminderTypeProbability = c.autoReminderTypeProbability;
            purchaseCountPerItemMin = c.purchaseCountPerItemMin;
            purchaseCountPerItemMax = c.purchaseCountPerItemMax;
            updateEventsPerCheckoutMin = c.updateEventsPerCheckoutMin;
            updateEventsPerCheckoutMax = c.updateEventsPerCheckoutMax;
            catalogTypeProbabilities = new LinkedHashMap<>(c.catalogTypeProbabilities);
        }

        public Builder initialAccountBalanceMin(double value) {
            initialAccountBalanceMin = value;
            return this;
        }

        public Builder initialAccountBalanceMax(double value) {
            initialAccountBalanceMax = value;
            return this;
        }

        public Builder topUpProbability(double value) {
            topUpProbability = value;
            return this;
        }

        public Builder paymentFailureProbabilityMin(double value) {
            paymentFailureProbabilityMin = value;
            return this;
        }

        public Builder paymentFailureProbabilityMax(double value) {
            paymentFailureProbabilityMax = value;
            return this;
        }

        public Builder checkoutFailureProbabilityMin(double value) {
            checkoutFailureProbabilityMin = value;
            return this;
        }

        public Builder checkoutFailureProbabilityMax(double value) {
            checkoutFailureProbabilityMax = value;
            return this;
        }

        public Builder checkoutUrgentProbabilityMin(double value) {
            checkoutUrgentProbabilityMin = value;
            return this;
        }

        public Builder checkoutUrgentProbabilityMax(double value) {
            checkoutUrgentProbabilityMax = value;
            return this;
        }

        public Builder checkoutCancellationProbabilityMin(double value) {
            checkoutCancellationProbabilityMin = value;
            return this;
        }

        public Builder checkoutCancellationProbabilityMax(double value) {
            checkoutCancellationProbabilityMax = value;
            return this;
        }

        public Builder checkoutPromoProbabilityMin(double value) {
            checkoutPromoProbabilityMin = value;
            return this;
        }

        public Builder checkoutPromoProbabilityMax(double value) {
            checkoutPromoProbabilityMax = value;
            return this;
        }

        public Builder interestCatalogRangeMin(double value) {
            interestCatalogRangeMin = value;
            return this;
        }

        public Builder interestCatalogRangeMax(double value) {
            interestCatalogRangeMax = value;
            return this;
        }

        public Builder interestPerItemMin(double value) {
            interestPerItemMin = value;
            return this;
        }

        public Builder interestPerItemMax(double value) {
            interestPerItemMax = value;
            return this;
        }

        public Builder viewsRequiredPerPurchaseMin(int value) {
            viewsRequiredPerPurchaseMin = value;
            return this;
        }

        public Builder viewsRequiredPerPurchaseMax(int value) {
            viewsRequiredPerPurchaseMax = value;
            return this;
        }

        public Builder viewsPerSessionMin(int value) {
            viewsPerSessionMin = value;
            return this;
        }

        public Builder viewsPerSessionMax(int value) {
            viewsPerSessionMax = value;
            return this;
        }

        public Builder impressionRatio(double value) {
            impressionRatio = value;
            return this;
        }

        public Builder detailProbability(double value) {
            detailProbability = value;
            return this;
        }

        public Builder favoriteProbability(double value) {
            favoriteProbability = value;
            return this;
        }

        public Builder reminderProbability(double value) {
            reminderProbability = value;
            return this;
        }

        public Builder autoReminderTypeProbability(double value) {
            autoReminderTypeProbability = value;
            return this;
        }

        public Builder purchaseCountPerItemMin(int value) {
            purchaseCountPerItemMin = value;
            return this;
        }

        public Builder purchaseCountPerItemMax(int value) {
            purchaseCountPerItemMax = value;
            return this;
        }

        public Builder updateEventsPerCheckoutMin(int value) {
            updateEventsPerCheckoutMin = value;
            return this;
        }

        public Builder updateEventsPerCheckoutMax(int value) {
            updateEventsPerCheckoutMax = value;
            return this;
        }

        /** Replaces all catalog type weights (like the YAML key does). */
        public Builder catalogTypeProbabilities(Map<CatalogType, Double> value) {
            catalogTypeProbabilities = ConfigValues.stableCopy(value, "catalogTypeProbabilities");
            return this;
        }

        public PurchaseBehaviourConfig build() {
            return new PurchaseBehaviourConfig(initialAccountBalanceMin, initialAccountBalanceMax, topUpProbability,
                    paymentFailureProbabilityMin, paymentFailureProbabilityMax, checkoutFailureProbabilityMin,
                    checkoutFailureProbabilityMax, checkoutUrgentProbabilityMin, checkoutUrgentProbabilityMax,
                    checkoutCancellationProbabilityMin, checkoutCancellationProbabilityMax,
                    checkoutPromoProbabilityMin, checkoutPromoProbabilityMax, interestCatalogRangeMin,
                    interestCatalogRangeMax, interestPerItemMin, interestPerItemMax, viewsRequiredPerPurchaseMin,
                    viewsRequiredPerPurchaseMax, viewsPerSessionMin, viewsPerSessionMax, impressionRatio,
                    detailProbability, favoriteProbability, reminderProbability, autoReminderTypeProbability,
                    purchaseCountPerItemMin, purchaseCountPerItemMax, updateEventsPerCheckoutMin,
                    updateEventsPerCheckoutMax, catalogTypeProbabilities);
        }
    }
}
