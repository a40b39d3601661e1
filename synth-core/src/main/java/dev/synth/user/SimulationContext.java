package dev.synth.user;

import dev.synth.catalog.CatalogCache;
import dev.synth.config.GlobalConfig;
import dev.synth.random.FakeData;
import dev.synth.time.PublicHolidays;
import dev.synth.time.ZoneCountries;
import java.util.Objects;

/**
 * What the simulation offers every user while it generates events: global settings, the catalogs, and a
 * deterministic fake-data source. Shared by all users of one simulation; used from one thread.
 */
public final class SimulationContext {
    private final GlobalConfig global;
    private final CatalogCache catalogs;
    private final FakeData fake;
    private final String appRatingSubject;
    private final ZoneCountries zoneCountries;

    public SimulationContext(GlobalConfig global, CatalogCache catalogs, FakeData fake) {
        this.global = Objects.requireNonNull(global, "global");
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
        this.fake = Objects.requireNonNull(fake, "fake");
        this.appRatingSubject = global.organisation() + "_" + global.project();
        this.zoneCountries = ZoneCountries.tzdb().withOverrides(global.timeZoneCountries());
    }

    /** The zone-to-country table with the configuration's {@code time_zone_countries} overrides. */
    public ZoneCountries zoneCountries() {
        return zoneCountries;
    }

    /** Public holidays by country, for profiles with {@code holiday_activity_factor}. */
    public PublicHolidays publicHolidays() {
        return PublicHolidays.jollyday();
    }

    public GlobalConfig global() {
        return global;
    }

    public CatalogCache catalogs() {
        return catalogs;
    }

    /** Fake text; reseed it from your window's random stream before use so the text is deterministic. */
    public FakeData fake() {
        return fake;
    }

    /** The subject id of app ratings: {@code <organisation>_<project>}. */
    public String appRatingSubject() {
        return appRatingSubject;
    }
}
