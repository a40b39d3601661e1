package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.SimulationConfig;
import dev.synth.output.csv.CsvEventSink;
import dev.synth.persistence.jooq.JooqStateStore;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example {@code config/global_population.yml}: users in India, Germany and the US in their local time. */
@DisplayName("The global population example")
class GlobalPopulationTest {
    private static final Path CONFIG = Path.of("config/global_population.yml");
    private static final Pattern ZONE = Pattern.compile("\"\"country\"\":\"\"([A-Z]*)\"\",\"\"timezone\"\":\"\"([^\"]+)\"\"");

    @TempDir
    Path dir;

    @Test
    @DisplayName("puts its users in the three configured zones, each with the zone's country")
    void residences() throws IOException {
        SynthCliTest.Result r = SynthCliTest.cli("run", CONFIG.toString(), "--end", "2025-10-21 00:00:00",
                "--output-dir", dir.toString(), "--db-uri", "sqlite:///:memory:");
        assertThat(r.status()).as(r.err()).isZero();
        Map<String, Integer> byZone = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("catalog_events.csv"))) {
            if (line.contains(",user,")) {
                Matcher m = ZONE.matcher(line);
                assertThat(m.find()).as(line).isTrue();
                String expectedCountry = switch (m.group(2)) {
                    case "Asia/Kolkata" -> "IN";
                    case "Europe/Berlin" -> "DE";
                    case "America/New_York" -> "US";
                    default -> throw new AssertionError("unexpected zone in " + line);
                };
                assertThat(m.group(1)).isEqualTo(expectedCountry);
                byZone.merge(m.group(2), 1, Integer::sum);
            }
        }
        assertThat(byZone).containsOnlyKeys("Asia/Kolkata", "Europe/Berlin", "America/New_York");
        int users = byZone.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(users).isGreaterThanOrEqualTo(120);
        assertThat(byZone.get("Asia/Kolkata") / (double) users).isBetween(0.38, 0.62);
        assertThat(byZone.get("America/New_York") / (double) users).isBetween(0.1, 0.3);
    }

    @Test
    @DisplayName("stopped and resumed on SQLite across both daylight saving changes and US Veterans Day, writes the "
            + "bytes of the unbroken run")
    void resumeAcrossDstAndHoliday() throws IOException {
        SimulationConfig config = SimulationConfig.fromYaml(CONFIG).toBuilder()
                .global(g -> g.startTs(Instant.parse("2025-10-24T00:00:00Z")))
                .population(p -> p.initialCount(60).targetMinCount(50).targetMaxCount(70)).build();
        Instant end = Instant.parse("2025-11-13T00:00:00Z");
        Path unbroken = dir.resolve("unbroken");
        run(config, new InMemoryStateStore(), unbroken, end);

        Path split = dir.resolve("split");
        Path db = dir.resolve("state.sqlite");
        List<Instant> stops = List.of(
                Instant.parse("2025-10-26T01:00:00Z"),  // Berlin falls back from 03:00 CEST to 02:00 CET
                Instant.parse("2025-10-26T05:00:00Z"),
                Instant.parse("2025-11-02T06:00:00Z"),  // New York falls back from 02:00 EDT to 01:00 EST
                Instant.parse("2025-11-11T15:00:00Z"),  // Veterans Day, 10:00 in New York
                end);
        for (int i = 0; i < stops.size(); i++) {
            try (JooqStateStore store = JooqStateStore.sqlite(db)) {
                SimulationResult part = run(config, store, split, stops.get(i));
                assertThat(part.resumed()).isEqualTo(i > 0);
            }
        }
        byte[] log = Files.readAllBytes(unbroken.resolve(CsvEventSink.LOG_FILE_NAME));
        assertThat(log.length).as("a substantial log").isGreaterThan(200_000);
        assertThat(Files.mismatch(split.resolve(CsvEventSink.LOG_FILE_NAME), unbroken.resolve(CsvEventSink.LOG_FILE_NAME)))
                .as("log_events.csv").isEqualTo(-1L);
        assertThat(Files.mismatch(split.resolve(CsvEventSink.CATALOG_FILE_NAME),
                unbroken.resolve(CsvEventSink.CATALOG_FILE_NAME))).as("catalog_events.csv").isEqualTo(-1L);
    }

    private static SimulationResult run(SimulationConfig config, StateStore store, Path out, Instant end) {
        return Simulation.builder().config(config).stateStore(store).addSink(CsvEventSink.to(out)).end(end).build()
                .run();
    }
}
