package dev.synth.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The zone-to-country table")
class ZoneCountriesTest {

    @Test
    @DisplayName("knows the country of the zones of the IANA database, and of their old names")
    void tzdb() {
        ZoneCountries table = ZoneCountries.tzdb();
        assertThat(table.countryOf(ZoneId.of("Asia/Kolkata"))).contains("IN");
        assertThat(table.countryOf(ZoneId.of("Europe/Berlin"))).contains("DE");
        assertThat(table.countryOf(ZoneId.of("America/Los_Angeles"))).contains("US");
        assertThat(table.countryOf("Asia/Calcutta")).contains("IN");
        assertThat(table.countryOf("US/Eastern")).contains("US");
        assertThat(table.size()).isGreaterThan(400);
    }

    @Test
    @DisplayName("has no country for UTC or Etc zones unless an override names one")
    void overrides() {
        assertThat(ZoneCountries.tzdb().countryOf(ZoneId.of("UTC"))).isEmpty();
        ZoneCountries overridden = ZoneCountries.tzdb().withOverrides(Map.of("Etc/GMT-3", "SA", "Europe/Berlin", "AT"));
        assertThat(overridden.countryOf("Etc/GMT-3")).contains("SA");
        assertThat(overridden.countryOf("Europe/Berlin")).contains("AT");
        assertThat(ZoneCountries.tzdb().countryOf("Europe/Berlin")).contains("DE");
    }

    @Test
    @DisplayName("names only zones that java.time knows, so every zone it lists can be configured")
    void everyZoneIsKnownToJavaTime() {
        ZoneCountries table = ZoneCountries.tzdb();
        for (String id : ZoneId.getAvailableZoneIds()) {
            table.countryOf(id).ifPresent(country -> assertThat(country).matches("[A-Z]{2}"));
        }
        assertThat(ZoneId.getAvailableZoneIds().stream().filter(id -> table.countryOf(id).isPresent()).count())
                .isGreaterThan(400);
    }
}
