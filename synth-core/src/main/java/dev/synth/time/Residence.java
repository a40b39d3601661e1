package dev.synth.time;

import dev.synth.random.SimRandom;
import dev.synth.random.WeightedChoice;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a user lives: its time zone and that zone's country ({@code ""} when the zone has none, such as UTC).
 *
 * @param zone the user's time zone
 * @param country ISO 3166-1 alpha-2 code of the zone's country, or {@code ""}
 */
public record Residence(ZoneId zone, String country) {
    public Residence {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(country, "country");
    }

    /**
     * Draws a zone by weight (one draw from {@code random}) and looks up its country. The zones are taken in the
     * order of their ids, so the draw does not depend on the map's iteration order (a {@code Map.of} is fine).
     *
     * @param zoneWeights zone id to weight, validated by the configuration
     * @param what the configuration key, for the error of an unusable map
     */
    public static Residence draw(Map<String, Double> zoneWeights, ZoneCountries countries, SimRandom random,
            String what) {
        ZoneId zone = ZoneId.of(WeightedChoice.of(new TreeMap<>(zoneWeights), what).draw(random));
        return new Residence(zone, countries.countryOf(zone).orElse(""));
    }

    /** The zone's example city: the last part of its id with spaces, e.g. "New York"; "" for ids like UTC. */
    public String city() {
        String id = zone.getId();
        int slash = id.lastIndexOf('/');
        return slash < 0 ? "" : id.substring(slash + 1).replace('_', ' ');
    }
}
