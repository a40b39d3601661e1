package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.SimulationResult;
import dev.synth.examples.jsonl.JsonLinesExample;
import dev.synth.examples.live.HandClock;
import dev.synth.examples.live.LiveFeedExample;
import dev.synth.examples.quickstart.Quickstart;
import dev.synth.examples.resume.ResumeExample;
import dev.synth.examples.subscriber.StreamingSubscriber;
import dev.synth.examples.subscriber.SubscriberExample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example program, so that none of them rots, and checks what it produced. */
class ExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The rows of a log CSV file written by synth, split into columns (props is the last column). */
    static List<String[]> rows(Path logFile) throws IOException {
        List<String> lines = Files.readAllLines(logFile);
        assertThat(lines.get(0)).isEqualTo("u_id,d_id,os,ol,ts,type,ip,up,dn,block,props");
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", 11)).toList();
    }

    @Test
    @DisplayName("quickstart: a Java-built configuration writes both CSV files for its 50 users")
    void quickstart() throws IOException {
        Quickstart.main(new String[] {dir.toString()});
        List<String[]> rows = rows(dir.resolve("log_events.csv"));
        assertThat(rows).hasSizeGreaterThan(500);
        assertThat(rows.stream().map(r -> r[0]).distinct().count()).isGreaterThanOrEqualTo(50);
        assertThat(rows.stream().map(r -> r[5]).collect(Collectors.toSet()))
                .contains("identify", "page", "search", "media", "module", "exam");
        assertThat(rows.get(rows.size() - 1)[4]).startsWith("2024-01-0");
        assertThat(Files.readAllLines(dir.resolve("catalog_events.csv"))).hasSizeGreaterThan(50);
    }

    @Test
    @DisplayName("custom user: the subscribers from YAML produce their own events, and some subscriptions lapse")
    void subscriber() throws IOException {
        SimulationResult result = SubscriberExample.run(Path.of("config/streaming_subscribers.yml"), dir);
        List<String[]> rows = rows(dir.resolve("log_events.csv"));
        Map<String, Long> types = rows.stream().collect(Collectors.groupingBy(r -> r[5], TreeMap::new,
                Collectors.counting()));
        assertThat(types).containsKeys("subscription", "play", "pause", "resume", "finish", "identify");
        assertThat(types.keySet()).containsOnly("subscription", "play", "pause", "resume", "finish", "identify");
        List<String> subscriptions = rows.stream().filter(r -> r[5].equals("subscription")).map(r -> r[10]).toList();
        assertThat(subscriptions).anyMatch(p -> p.contains("start")).anyMatch(p -> p.contains("renew"))
                .anyMatch(p -> p.contains("lapse"));
        assertThat(result.inactiveUsers()).isPositive();
        // a lapsed subscriber watches nothing afterwards
        Map<String, List<String[]>> byUser = rows.stream().collect(Collectors.groupingBy(r -> r[0]));
        for (List<String[]> events : byUser.values()) {
            int lapse = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i)[10].contains("lapse")) {
                    lapse = i;
                }
            }
            if (lapse >= 0) {
                assertThat(events.subList(lapse + 1, events.size())).as("after the lapse").isEmpty();
            }
        }
    }

    @Test
    @DisplayName("custom user: a run of the subscribers stopped half way and resumed equals an unbroken run")
    void subscriberResume() throws IOException {
        Path config = Path.of("config/streaming_subscribers.yml");
        Path unbroken = dir.resolve("unbroken");
        SubscriberExample.run(config, unbroken);
        String yaml = Files.readString(config).replace("out/streaming/", dir.resolve("split").toString() + "/");
        Path split = Files.writeString(dir.resolve("split.yml"), yaml.replace("end_ts: \"2024-03-01 00:00:00\"",
                "end_ts: \"2024-01-31 05:00:00\""));
        SubscriberExample.run(split);
        Files.writeString(split, yaml);
        SubscriberExample.run(split);
        assertThat(Files.mismatch(dir.resolve("split/log_events.csv"), unbroken.resolve("log_events.csv")))
                .isEqualTo(-1L);
        assertThat(StreamingSubscriber.USER_TYPE).isEqualTo("subscriber");
    }

    @Test
    @DisplayName("sink_types [jsonl] without files prints every event as a JSON line on standard output")
    void jsonLines() throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        SimulationResult result;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            result = JsonLinesExample.run(Path.of("config/jsonl_to_stdout.yml"));
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        List<JsonNode> logs = lines.stream().filter(n -> n.has("type")).toList();
        List<JsonNode> catalogs = lines.stream().filter(n -> n.has("subject_type")).toList();
        assertThat(logs).hasSize((int) result.logEvents()).isNotEmpty();
        assertThat(catalogs).hasSize((int) result.catalogEvents()).isNotEmpty();
        assertThat(logs).allSatisfy(n -> assertThat(n.path("props").isObject()).isTrue());
        assertThat(logs.stream().map(n -> n.path("type").asText()).collect(Collectors.toSet()))
                .contains("identify", "page");
        assertThat(logs).extracting(n -> n.path("ts").asText()).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(logs).allSatisfy(n -> assertThat(n.path("up").isInt()).isTrue());
    }

    @Test
    @DisplayName("the command line's run finds the jsonl sink by name too")
    void jsonLinesFromCli() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        SynthCliTest.Result r;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r = SynthCliTest.cli("run", "config/jsonl_to_stdout.yml");
        } finally {
            System.setOut(original);
        }
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("{\"ts\":");
    }

    @Test
    @DisplayName("stop and resume against SQLite: the resumed run's files equal the unbroken run's")
    void resume() throws IOException {
        ResumeExample.Outcome outcome = ResumeExample.run(dir);
        assertThat(outcome.identical()).isTrue();
        assertThat(outcome.firstPart().resumed()).isFalse();
        assertThat(outcome.secondPart().resumed()).isTrue();
        assertThat(outcome.firstPart().logEvents() + outcome.secondPart().logEvents())
                .isEqualTo(outcome.unbroken().logEvents()).isPositive();
        assertThat(outcome.firstPart().simulatedTo()).isEqualTo(Instant.parse("2024-01-04T12:00:00Z"));
        assertThat(outcome.resumedDir().resolve("synth.sqlite")).exists();
        ResumeExample.main(new String[] {dir.resolve("again").toString()});
    }

    @Test
    @DisplayName("live feed: with a hand-moved clock, 60 s of wall time at 720x release 12 simulated hours")
    void live() {
        Instant wallStart = Instant.parse("2030-06-01T10:20:00Z");
        HandClock wall = new HandClock(wallStart);
        ByteArrayOutputStream feed = new ByteArrayOutputStream();
        SimulationResult result = LiveFeedExample.run(wall, wall::advance, Duration.ofSeconds(60),
                new PrintStream(feed, true, StandardCharsets.UTF_8));
        // back-filled from a day before the hour, then live: simulated time ran 720 times as fast as the wall clock
        assertThat(result.simulatedFrom()).isEqualTo(Instant.parse("2030-05-31T10:00:00Z"));
        Instant liveEnd = wallStart.plus(Duration.ofHours(12));
        assertThat(result.simulatedTo()).isBetween(liveEnd.minus(Duration.ofMinutes(15)),
                liveEnd.plus(Duration.ofMinutes(15)));
        List<String> lines = feed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize((int) result.logEvents()).isNotEmpty();
        Set<Instant> times = lines.stream().map(l -> Instant.parse(l.substring(0, l.indexOf(' '))))
                .collect(Collectors.toSet());
        assertThat(times).allSatisfy(t -> assertThat(t).isBefore(result.simulatedTo()));
        assertThat(times).anySatisfy(t -> assertThat(t).isAfter(wallStart));
    }
}
