package dev.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.CatalogType;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Users who live in local time: statistical properties of whole simulations (fixed seeds, stable outcomes). */
@DisplayName("Users in local time")
class LocalTimeStatisticsTest {
    /** Busy evenings, quiet nights: zero from 00:00 to 05:59 local time. */
    private static final List<Double> DAY_SHAPE = List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2, 0.5, 1.0, 1.0, 0.8, 0.6,
            1.0, 0.6, 0.5, 0.5, 0.6, 0.8, 1.0, 1.2, 1.4, 1.0, 0.5, 0.1);
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static ProfileConfig.Builder resident(String name, ZoneId zone) {
        return TestConfigs.boringGuy().name(name).occurrenceProbability(0.5).sessionCount(1, 3)
                .sessionLengthSeconds(60, 60).timeZones(Map.of(zone.getId(), 1.0));
    }

    private static MemorySink run(List<ProfileConfig> profiles, int users, String start, int days) {
        SimulationConfig.Builder b = TestConfigs.population(profiles.get(0), users, users, users, 0).toBuilder();
        profiles.subList(1, profiles.size()).forEach(b::addProfile);
        Instant from = Instant.parse(start);
        SimulationConfig config = TestConfigs.withGlobal(b.build(), g -> g.startTs(from).endTs(from.plusSeconds(86_400)));
        return TestConfigs.runUntil(config, from.plusSeconds(days * 86_400L), new InMemoryStateStore());
    }

    /** The user catalog's timezone of every user, by platform uuid. */
    private static Map<String, ZoneId> zones(MemorySink sink) {
        Map<String, ZoneId> zones = new HashMap<>();
        for (CatalogEvent e : sink.catalogEvents()) {
            if (e.type() == CatalogType.USER) {
                zones.put((String) e.data().get("platform_uuid"), ZoneId.of((String) e.data().get("timezone")));
            }
        }
        return zones;
    }

    private static List<LogEvent> logins(MemorySink sink) {
        return sink.logEvents().stream().filter(e -> "login".equals(e.action())).toList();
    }

    private static LocalDateTime local(LogEvent e, ZoneId zone) {
        return LocalDateTime.ofInstant(e.timestamp(), zone);
    }

    /** Chi-square p-value of a 24-hour histogram against expected weights; hours expected at 0 must be empty. */
    private static double fit(long[] observed, IntToDoubleFunction expectedWeight) {
        List<Double> expected = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            double w = expectedWeight.applyAsDouble(h);
            if (w == 0) {
                assertThat(observed[h]).as("starts at hour %d, whose weight is 0", h).isZero();
            } else {
                expected.add(w);
                seen.add(observed[h]);
            }
        }
        return new ChiSquareTest().chiSquareTest(expected.stream().mapToDouble(Double::doubleValue).toArray(),
                seen.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    @DisplayName("in Asia/Kolkata and America/Los_Angeles start sessions by local hour; their UTC hours are shifted "
            + "by the zones' offsets (chi-square, p > 0.001)")
    void localHours() {
        MemorySink sink = run(List.of(resident("india", KOLKATA).sessionHourlyStartProbabilities(DAY_SHAPE).build(),
                resident("california", LOS_ANGELES).sessionHourlyStartProbabilities(DAY_SHAPE).build()), 300,
                "2025-01-06T00:00:00Z", 20);
        Map<String, ZoneId> zones = zones(sink);
        Map<ZoneId, long[]> localHist = Map.of(KOLKATA, new long[24], LOS_ANGELES, new long[24]);
        Map<ZoneId, long[]> utcHist = Map.of(KOLKATA, new long[24], LOS_ANGELES, new long[24]);
        for (LogEvent e : logins(sink)) {
            ZoneId zone = zones.get(e.userId());
            localHist.get(zone)[local(e, zone).getHour()]++;
            utcHist.get(zone)[Micros.hourOfDay(e.timeMicros())]++;
        }
        for (ZoneId zone : List.of(KOLKATA, LOS_ANGELES)) {
            assertThat(java.util.Arrays.stream(localHist.get(zone)).sum()).as(zone.getId()).isGreaterThan(4000);
            assertThat(fit(localHist.get(zone), DAY_SHAPE::get)).as("local hours in %s", zone).isGreaterThan(0.001);
        }
        // UTC hour u is local 05:30..06:30 later in Kolkata: half of local hour u+5 and half of u+6.
        assertThat(fit(utcHist.get(KOLKATA), u -> (DAY_SHAPE.get((u + 5) % 24) + DAY_SHAPE.get((u + 6) % 24)) / 2))
                .as("UTC hours in Kolkata").isGreaterThan(0.001);
        // Los Angeles in January is UTC-8.
        assertThat(fit(utcHist.get(LOS_ANGELES), u -> DAY_SHAPE.get(Math.floorMod(u - 8, 24))))
                .as("UTC hours in Los Angeles").isGreaterThan(0.001);
        // The two populations peak at different UTC hours: 20:00 local is 14:30 UTC in Kolkata, 04:00 UTC in LA.
        assertThat(argMax(utcHist.get(KOLKATA))).isIn(14, 15);
        assertThat(argMax(utcHist.get(LOS_ANGELES))).isEqualTo(4);
    }

    private static int argMax(long[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    @DisplayName("around a US spring-forward start nothing in the skipped hour and fit their local hours on both sides")
    void springForward() {
        // Every hour allowed, and the hour that 2025-03-09 skips (02:00-03:00) is the busiest.
        List<Double> shape = new ArrayList<>(Collections.nCopies(24, 1.0));
        shape.set(2, 3.0);
        MemorySink sink = run(List.of(resident("east", NEW_YORK).occurrenceProbability(1.0)
                .sessionHourlyStartProbabilities(shape).build()), 300, "2025-03-02T00:00:00Z", 15);
        LocalDate change = LocalDate.of(2025, 3, 9);
        long[] before = new long[24];
        long[] after = new long[24];
        long[] onTheDay = new long[24];
        for (LogEvent e : logins(sink)) {
            LocalDateTime t = local(e, NEW_YORK);
            LocalDate d = t.toLocalDate();
            if (d.isBefore(change) && !d.isBefore(LocalDate.of(2025, 3, 3))) {
                before[t.getHour()]++;
            } else if (d.isAfter(change) && d.isBefore(LocalDate.of(2025, 3, 16))) {
                after[t.getHour()]++;
            } else if (d.equals(change)) {
                onTheDay[t.getHour()]++;
            }
        }
        assertThat(onTheDay[2]).as("starts in the skipped hour").isZero();
        assertThat(java.util.Arrays.stream(onTheDay).sum()).isGreaterThan(300);
        assertThat(fit(before, shape::get)).as("the week before").isGreaterThan(0.001);
        assertThat(fit(after, shape::get)).as("the week after").isGreaterThan(0.001);
        assertThat(fit(onTheDay, h -> h == 2 ? 0 : shape.get(h))).as("the day itself, without its skipped hour")
                .isGreaterThan(0.001);
    }

    @Test
    @DisplayName("with holiday_activity_factor 0.2, about a fifth of the usual US users are active on 25 December, "
            + "while users in India, where it is no national holiday, are not affected")
    void christmas() {
        MemorySink sink = run(List.of(resident("us", NEW_YORK).sessionCount(3, 3).holidayActivityFactor(0.2).build(),
                resident("india", KOLKATA).sessionCount(3, 3).holidayActivityFactor(0.2).build()), 800,
                "2025-12-19T00:00:00Z", 8);
        Map<String, ZoneId> zones = zones(sink);
        Map<ZoneId, Map<LocalDate, Set<String>>> active = new HashMap<>();
        for (LogEvent e : logins(sink)) {
            ZoneId zone = zones.get(e.userId());
            active.computeIfAbsent(zone, z -> new HashMap<>())
                    .computeIfAbsent(local(e, zone).toLocalDate(), d -> new HashSet<>()).add(e.userId());
        }
        for (ZoneId zone : List.of(NEW_YORK, KOLKATA)) {
            Map<LocalDate, Set<String>> byDay = active.get(zone);
            double weekday = List.of(22, 23, 24).stream()
                    .mapToInt(d -> byDay.get(LocalDate.of(2025, 12, d)).size()).average().orElseThrow();
            double christmas = byDay.get(LocalDate.of(2025, 12, 25)).size();
            assertThat(weekday).as("active users on a normal weekday in %s", zone).isGreaterThan(300);
            if (zone.equals(NEW_YORK)) {
                assertThat(christmas / weekday).as("US: Christmas against a normal weekday").isBetween(0.14, 0.26);
            } else {
                assertThat(christmas / weekday).as("India: 25 December against a normal weekday").isBetween(0.92, 1.08);
            }
        }
    }
}
