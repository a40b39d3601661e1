package dev.synth.config;

import static dev.synth.config.ConfigFixtures.withProfiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Global settings")
class GlobalSettingsTest {

    private static GlobalConfig global(String yaml) {
        return SimulationConfig.fromYaml("global:\n" + yaml.indent(2) + withProfiles("{}"), "test.yml").global();
    }

    @ParameterizedTest(name = "{0} is read as {1}")
    @CsvSource(delimiter = '|', value = {
        "2020-03-04 05:06:07        | 2020-03-04T05:06:07Z",
        "2020-03-04T05:06:07        | 2020-03-04T05:06:07Z",
        "2020-03-04T05:06:07Z       | 2020-03-04T05:06:07Z",
        "2020-03-04T05:06:07.250Z   | 2020-03-04T05:06:07.250Z",
        "2020-03-04T07:06:07+02:00  | 2020-03-04T05:06:07Z"})
    @DisplayName("timestamps are UTC unless they carry an offset (D3)")
    void timestamps(String written, String expected) {
        assertThat(global("start_ts: \"" + written + "\"\nend_ts: \"2030-01-01 00:00:00\"").startTs())
                .isEqualTo(Instant.parse(expected));
    }

    @Test
    @DisplayName("an unquoted timestamp is read too")
    void unquotedTimestamp() {
        assertThat(global("end_ts: 2020-01-20 00:00:00").endTs()).contains(Instant.parse("2020-01-20T00:00:00Z"));
    }

    @Test
    @DisplayName("end_ts: null means run forever")
    void runForever() {
        assertThat(global("end_ts: null").endTs()).isEmpty();
        assertThat(global("api_key: x").endTs()).contains(GlobalConfig.DEFAULT_END_TS);
    }

    @Test
    @DisplayName("the seed, catalog directory and new options are read; no seed means none")
    void newOptions() {
        GlobalConfig g = global("""
                seed: -9223372036854775808
                catalog_directory: catalogs
                notify: true
                log_events_filename: null
                """);
        assertThat(g.seed()).hasValue(Long.MIN_VALUE);
        assertThat(g.catalogDirectory()).isEqualTo("catalogs");
        assertThat(g.notifyEnabled()).isTrue();
        assertThat(g.logEventsFilename()).isEmpty();
        assertThat(global("seed: null").seed()).isEmpty();
        assertThat(global("seed: 42").seed()).hasValue(42);
    }
}
