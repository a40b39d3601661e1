package dev.synth.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws keys of a weight map (event probabilities, response probabilities...) in proportion to their
 * weights, in the map's iteration order. Built once, drawn many times; immutable.
 *
 * @param <T> the key type
 */
public final class WeightedChoice<T> {
    private final List<T> keys;
    private final double[] weights;

    private WeightedChoice(List<T> keys, double[] weights) {
        this.keys = keys;
        this.weights = weights;
    }

    /**
     * A choice over {@code weights}.
     *
     * @throws IllegalArgumentException when the map is empty or its weights sum to zero, naming {@code what}
     */
    public static <T> WeightedChoice<T> of(Map<T, Double> weights, String what) {
        List<T> keys = new ArrayList<>(weights.keySet());
        double[] w = weights.values().stream().mapToDouble(Double::doubleValue).toArray();
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        if (keys.isEmpty() || sum <= 0) {
            throw new IllegalArgumentException(what + " has no positive weight");
        }
        return new WeightedChoice<>(List.copyOf(keys), w);
    }

    /**
     * {@link #of}, shared: the same instance for every map with the same keys and weights in the same order, so that
     * thousands of users with the same profile hold one choice between them. Thread-safe.
     */
    @SuppressWarnings("unchecked")
    public static <T> WeightedChoice<T> shared(Map<T, Double> weights, String what) {
        List<Map.Entry<T, Double>> key = new ArrayList<>(weights.size());
        weights.forEach((k, w) -> key.add(Map.entry(k, w)));
        synchronized (SHARED) {
            WeightedChoice<?> choice = SHARED.get(key);
            if (choice == null) {
                choice = of(weights, what);
                SHARED.put(key, choice);
            }
            return (WeightedChoice<T>) choice;
        }
    }

    /** Choices by their weights in order (the order decides which key a draw picks); the latest 256. */
    private static final Map<List<?>, WeightedChoice<?>> SHARED = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<?>, WeightedChoice<?>> eldest) {
            return size() > 256;
        }
    };

    /** One key, drawn from {@code random}. */
    public T draw(SimRandom random) {
        return keys.get(random.weightedIndex(weights));
    }
}
