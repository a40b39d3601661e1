package dev.synth.config;

import static dev.synth.config.ConfigFixtures.problemsOf;
import static dev.synth.config.ConfigFixtures.withProfiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The local-time settings time_zones, holiday_activity_factor and time_zone_countries")
class LocalTimeSettingsTest {

    private static SimulationConfig load(String yaml) {
        return SimulationConfig.fromYaml(yaml, "test.yml");
    }

    private static List<String> messages(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::message).toList();
    }

    @Test
    @DisplayName("default to UTC as in the reference and no holiday effect")
    void defaults() {
        ProfileConfig p = ProfileConfig.defaults("p");
        assertThat(p.timeZones()).isEmpty();
        assertThat(p.usesLocalTime()).isFalse();
        assertThat(p.holidayActivityFactor()).isEqualTo(1.0);
        assertThat(GlobalConfig.defaults().timeZoneCountries()).isEmpty();
    }

    @Test
    @DisplayName("are read in document order; time_zones is inherited from default and replaced as a whole")
    void inheritance() {
        SimulationConfig config = load("""
                global:
                  time_zone_countries: {Etc/GMT-3: SA}
                """ + withProfiles("""
                default:
                  occurrence_probability: 1
                  event_probabilities: {page: 1}
                  time_zones: {Asia/Kolkata: 0.5, Europe/Berlin: 0.3, America/New_York: 0.2}
                  holiday_activity_factor: 0.2
                inherits: {}
                own:
                  time_zones: {America/Los_Angeles: 1}
                """));
        assertThat(config.global().timeZoneCountries()).containsExactly(entry("Etc/GMT-3", "SA"));
        ProfileConfig inherits = config.profiles().get("inherits");
        assertThat(inherits.timeZones()).containsExactly(entry("Asia/Kolkata", 0.5), entry("Europe/Berlin", 0.3),
                entry("America/New_York", 0.2));
        assertThat(inherits.holidayActivityFactor()).isEqualTo(0.2);
        assertThat(config.profiles().get("own").timeZones()).containsExactly(entry("America/Los_Angeles", 1.0));
        assertThat(config.profiles().get("own").holidayActivityFactor()).isEqualTo(0.2);
    }

    @Test
    @DisplayName("refuse unknown zone ids, bad weights and a factor outside 0..1, each with its key path")
    void problems() {
        List<ConfigProblem> problems = problemsOf(withProfiles("""
                p:
                  occurrence_probability: 1
                  event_probabilities: {page: 1}
                  time_zones: {Asia/Kolkatta: 1, Europe/Berlin: -1, Mars/Olympus: 1, America/Chicago: x}
                  holiday_activity_factor: 1.5
                """));
        assertThat(messages(problems)).containsExactlyInAnyOrder(
                "users.profiles.p.time_zones.America/Chicago was 'x' but must be a number",
                "users.profiles.p.time_zones.Asia/Kolkatta is not a time zone id known to java.time (an IANA id such "
                        + "as Europe/Berlin, or UTC); did you mean Asia/Kolkata?",
                "users.profiles.p.time_zones.Mars/Olympus is not a time zone id known to java.time (an IANA id such "
                        + "as Europe/Berlin, or UTC)",
                "users.profiles.p.time_zones.Europe/Berlin was -1.0 but must be a finite number >= 0",
                "users.profiles.p.holiday_activity_factor was 1.5 but must be between 0 and 1");
    }

    @Test
    @DisplayName("refuse time zone weights that are all zero")
    void allZero() {
        List<ConfigProblem> problems = problemsOf(withProfiles("""
                p:
                  occurrence_probability: 1
                  event_probabilities: {page: 1}
                  time_zones: {Asia/Kolkata: 0, Europe/Berlin: 0}
                """));
        assertThat(messages(problems)).containsExactly("users.profiles.p.time_zones must not be all zero");
    }

    @Test
    @DisplayName("warn when a holiday factor cannot act: no time_zones, or a zone without a holiday calendar")
    void holidayWarnings() {
        SimulationConfig config = load("""
                global:
                  time_zone_countries: {Etc/GMT-14: KI}
                """ + withProfiles("""
                default: {occurrence_probability: 1, event_probabilities: {page: 1}, holiday_activity_factor: 0.5}
                utc: {}
                zoned:
                  time_zones: {Europe/Berlin: 1, UTC: 1, Etc/GMT-14: 1}
                """));
        assertThat(YamlConfigLoader.holidayWarnings(config)).containsExactlyInAnyOrder(
                "users.profiles.utc.holiday_activity_factor has no effect without time_zones (users live on UTC)",
                "users.profiles.zoned.time_zones.UTC: the zone has no country (set one in global.time_zone_countries), "
                        + "so holiday_activity_factor does not apply to its users",
                "users.profiles.zoned.time_zones.Etc/GMT-14: no public holiday calendar for its country KI, so "
                        + "holiday_activity_factor does not apply to its users");
    }

    @Test
    @DisplayName("refuse an override with an unknown zone or a country that is not an ISO code")
    void overrideProblems() {
        List<ConfigProblem> problems = problemsOf("""
                global:
                  time_zone_countries: {Etc/GMT-3: sa, Nowhere/Town: US}
                """ + withProfiles("""
                p: {occurrence_probability: 1, event_probabilities: {page: 1}}
                """));
        assertThat(messages(problems)).containsExactlyInAnyOrder(
                "global.time_zone_countries.Etc/GMT-3 was 'sa' but must be an ISO 3166-1 alpha-2 country code in "
                        + "capitals, such as DE or US",
                "global.time_zone_countries.Nowhere/Town is not a time zone id known to java.time (an IANA id such "
                        + "as Europe/Berlin, or UTC)");
    }
}
