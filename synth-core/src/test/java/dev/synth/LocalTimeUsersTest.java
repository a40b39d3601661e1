package dev.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.CatalogType;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Users with time zones")
class LocalTimeUsersTest {
    private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");

    private static MemorySink run(ProfileConfig profile, int users, int days) {
        SimulationConfig config = TestConfigs.withGlobal(TestConfigs.population(profile, users, users, users, 0),
                g -> g.startTs(START).endTs(START.plusSeconds(86_400)));
        return TestConfigs.runUntil(config, START.plusSeconds(days * 86_400L), new InMemoryStateStore());
    }

    private static Map<String, Map<String, Object>> userData(MemorySink sink) {
        Map<String, Map<String, Object>> users = new LinkedHashMap<>();
        for (CatalogEvent e : sink.catalogEvents()) {
            if (e.type() == CatalogType.USER) {
                users.put((String) e.data().get("platform_uuid"), e.data());
            }
        }
        return users;
    }

    @Test
    @DisplayName("draw their zone from a stream of its own: the same users as without zones, with another home")
    void ownStream() {
        ProfileConfig utc = TestConfigs.boringGuy().build();
        Map<String, Map<String, Object>> plain = userData(run(utc, 50, 1));
        Map<String, Map<String, Object>> zoned = userData(run(utc.toBuilder()
                .timeZones(Map.of("Asia/Kolkata", 1.0, "Europe/Berlin", 1.0, "America/Sao_Paulo", 1.0)).build(), 50, 1));
        assertThat(zoned.keySet()).containsExactlyElementsOf(plain.keySet());
        zoned.forEach((uuid, data) -> {
            Map<String, Object> before = plain.get(uuid);
            for (String key : List.of("email", "name", "language", "zipcode", "profession", "organization")) {
                assertThat(data.get(key)).as(key).isEqualTo(before.get(key));
            }
            String expectedCountry = switch ((String) data.get("timezone")) {
                case "Asia/Kolkata" -> "IN";
                case "Europe/Berlin" -> "DE";
                case "America/Sao_Paulo" -> "BR";
                default -> throw new AssertionError("unexpected zone " + data.get("timezone"));
            };
            assertThat(data.get("country")).isEqualTo(expectedCountry);
            if (expectedCountry.equals("BR")) {
                assertThat(data.get("city")).isEqualTo("Sao Paulo");
            }
        });
        assertThat(plain.values()).allSatisfy(d -> assertThat((String) d.get("timezone")).matches("[+-]\\d{4}"));
        assertThat(zoned.values().stream().map(d -> d.get("timezone")).distinct()).hasSize(3);
    }

    @Test
    @DisplayName("keep their weekdays by the local calendar: no weekend sessions in local time, though some in UTC")
    void localWeekdays() {
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        ProfileConfig weekdaysOnly = TestConfigs.boringGuy().sessionCount(1, 3).sessionLengthSeconds(60, 60)
                .sessionDayOfWeekProbabilities(List.of(1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0))
                .timeZones(Map.of(losAngeles.getId(), 1.0)).build();
        Map<DayOfWeek, Integer> local = new HashMap<>();
        Map<DayOfWeek, Integer> utc = new HashMap<>();
        for (LogEvent e : run(weekdaysOnly, 100, 14).logEvents()) {
            if ("login".equals(e.action())) {
                local.merge(LocalDateTime.ofInstant(e.timestamp(), losAngeles).getDayOfWeek(), 1, Integer::sum);
                utc.merge(LocalDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC).getDayOfWeek(), 1, Integer::sum);
            }
        }
        assertThat(local).doesNotContainKeys(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).containsKey(DayOfWeek.FRIDAY);
        assertThat(utc.get(DayOfWeek.SATURDAY)).as("Friday afternoons in Los Angeles are Saturday in UTC")
                .isGreaterThan(50);
    }
}
