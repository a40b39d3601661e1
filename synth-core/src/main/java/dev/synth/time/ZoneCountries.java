package dev.synth.time;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The country (ISO 3166-1 alpha-2 code) of a time zone: the one place that answers "where does a user of
 * {@code Asia/Kolkata} live". {@code java.time} has no such mapping, so the table is the IANA time zone database's
 * own {@code zone.tab} (a verbatim copy in this package's resources, public domain), plus its links so that old names
 * such as {@code Asia/Calcutta} or {@code US/Eastern} resolve like their targets. A configuration can override or
 * extend it ({@code global.time_zone_countries}), e.g. to put {@code Etc/GMT-3} in a country.
 *
 * <p>Zones without a country ({@code UTC}, {@code Etc/GMT+5}, fixed offsets) have none unless overridden; their users
 * have an empty {@code country} and no public holidays. Immutable and thread-safe.
 */
public final class ZoneCountries {
    private static final ZoneCountries TZDB = new ZoneCountries(loadTzdb());

    private final Map<String, String> countries;

    private ZoneCountries(Map<String, String> countries) {
        this.countries = Map.copyOf(countries);
    }

    /** The table of the IANA time zone database, without overrides. */
    public static ZoneCountries tzdb() {
        return TZDB;
    }

    /**
     * This table with some entries replaced or added.
     *
     * @param overrides zone id to ISO 3166-1 alpha-2 country code (upper case); validated by the configuration
     */
    public ZoneCountries withOverrides(Map<String, String> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new HashMap<>(countries);
        merged.putAll(overrides);
        return new ZoneCountries(merged);
    }

    /** The country of {@code zone}, if the table (or an override) knows one. */
    public Optional<String> countryOf(ZoneId zone) {
        return countryOf(zone.getId());
    }

    /** The country of the zone with this id, if the table (or an override) knows one. */
    public Optional<String> countryOf(String zoneId) {
        return Optional.ofNullable(countries.get(zoneId));
    }

    /** Number of zone ids with a country (tests, diagnostics). */
    public int size() {
        return countries.size();
    }

    private static Map<String, String> loadTzdb() {
        Map<String, String> table = new HashMap<>();
        for (String line : lines("zone.tab")) {
            // country-code <TAB> coordinates <TAB> TZ [<TAB> comments]
            String[] fields = line.split("\t");
            table.put(fields[2], fields[0]);
        }
        for (String line : lines("zone-links.tab")) {
            // L <target> <alias>
            String[] fields = line.split(" ");
            String country = table.get(fields[1]);
            if (country != null) {
                table.putIfAbsent(fields[2], country);
            }
        }
        return table;
    }

    private static Iterable<String> lines(String resource) {
        try (InputStream in = ZoneCountries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the synth-core jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
