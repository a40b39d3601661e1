package dev.synth.engine;

import dev.synth.config.ProfileConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the profile of each new user (reference 3.1.6): by {@code occurrence_probability}, or - with
 * {@code manage_population_counts_per_profile} - by "need", favouring profiles that fall short of their share
 * of the target population.
 */
final class ProfileChooser {
    private ProfileChooser() {
    }

    /**
     * Need-based probabilities, exactly as the reference computes them (summation in the map's order):
     * p = occurrence / sum; desired = round(p * target); for profiles with desired > 0 the weight is
     * max(0, p * (desired - existing) / desired); normalised; falls back to p when all weights vanish.
     */
    static Map<String, Double> needBased(Map<String, Double> occurrence, Map<String, Integer> existing, long target) {
        double sum = 0;
        for (double w : occurrence.values()) {
            sum += w;
        }
        if (sum < 1e-4) {
            return new LinkedHashMap<>(occurrence);
        }
        Map<String, Double> normalised = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : occurrence.entrySet()) {
            normalised.put(e.getKey(), e.getValue() / sum);
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : normalised.entrySet()) {
            double p = e.getValue();
            long desired = Math.round(Math.rint(p * target));
            if (desired <= 0) {
                continue;
            }
            double shortage = (double) (desired - existing.getOrDefault(e.getKey(), 0)) / desired;
            weights.put(e.getKey(), Math.max(0.0, p * shortage));
        }
        double total = 0;
        for (double w : weights.values()) {
            total += w;
        }
        if (total < 1e-4) {
            return normalised;
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            result.put(e.getKey(), e.getValue() / total);
        }
        return result;
    }

    /** Profiles and weights as parallel arrays for drawing. */
    record Choice(List<ProfileConfig> profiles, double[] weights) {
    }

    static Choice of(Map<String, ProfileConfig> profiles, Map<String, Double> weights) {
        List<ProfileConfig> list = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            list.add(profiles.get(e.getKey()));
            w.add(e.getValue());
        }
        return new Choice(list, w.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
