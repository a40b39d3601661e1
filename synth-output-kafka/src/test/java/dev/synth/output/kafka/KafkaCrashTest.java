package dev.synth.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.Simulation;
import dev.synth.config.SimulationConfig;
import dev.synth.event.EventJson;
import dev.synth.event.LogEvent;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that runs a simulation into Kafka with SIGKILL at random moments, again and again, then lets
 * the run finish: a read_committed consumer must find every event of an unbroken run exactly once, each user's
 * events in order, and nothing else.
 */
class KafkaCrashTest {
    static final long SEED = 20240607L;
    private static final int USERS = 40;
    private static final long HOURS = 12 * 24;
    private static final int KILLS = 8;

    @TempDir
    Path dir;

    static SimulationConfig config(int users) {
        return TestConfigs.withGlobal(ExampleConfigs.mixedPopulation(users), g -> g.organisation("kafka-crash")
                .project("crash"));
    }

    static Instant hour(long hours) {
        return TestConfigs.START.plusSeconds(hours * 3600);
    }

    static KafkaEventSink sink(String servers, String topics) {
        return KafkaEventSink.builder(servers).logTopic(topics + "-log").catalogTopic(topics + "-catalog")
                .stepsTopic(topics + "-steps").partitions(3).build();
    }

    @Test
    @DisplayName("a run killed with SIGKILL at random moments, then completed, leaves every event in the topic exactly once, in per-user order")
    void killedAgainAndAgain() throws Exception {
        String servers = KafkaTestBroker.bootstrapServers();
        String topics = "crash-" + ProcessHandle.current().pid();
        Path db = dir.resolve("state.sqlite");
        Random random = new Random(11);
        int killed = 0;
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            int before = committedCount(topics);
            Process child = start(db, servers, topics);
            long deadline = System.currentTimeMillis() + 120_000;
            // let it write past what earlier children wrote, then kill it at a random moment
            while (child.isAlive() && System.currentTimeMillis() < deadline && committedCount(topics) <= before) {
                Thread.sleep(100);
            }
            if (child.waitFor(random.nextInt(1_500), TimeUnit.MILLISECONDS)) {
                assertThat(child.exitValue()).as("child exit status (see target/kafka-crash-children.log)").isZero();
                break;
            }
            child.destroyForcibly();
            child.waitFor();
            killed++;
            seen.add(committedCount(topics));
        }
        Process last = start(db, servers, topics);
        assertThat(last.waitFor(5, TimeUnit.MINUTES)).as("the final run completes").isTrue();
        assertThat(last.exitValue()).as("final child exit status (see target/kafka-crash-children.log)").isZero();
        assertThat(killed).as("kills that hit a running simulation (steps in the topic at each: %s)", seen)
                .isGreaterThanOrEqualTo(KILLS / 2);

        MemorySink reference = new MemorySink();
        Simulation.builder().config(config(USERS)).seed(SEED).stateStore(new InMemoryStateStore())
                .addSink(reference).end(hour(HOURS)).build().run();
        List<ConsumerRecord<String, String>> records = KafkaTestBroker.readCommitted(topics + "-log");
        // exactly once: the same events (their whole JSON), no more, no fewer
        Map<String, Integer> counts = new java.util.HashMap<>();
        records.forEach(r -> counts.merge(r.value(), 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        for (LogEvent e : reference.logEvents()) {
            String v = EventJson.log(e);
            if (counts.merge(v, -1, Integer::sum) < 0) {
                missing.add(v);
            }
        }
        List<String> extra = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " x " + e.getKey()).toList();
        assertThat(missing).as("events of the unbroken run missing from the topic (of %s; topic holds %s)",
                reference.logEvents().size(), records.size()).isEmpty();
        assertThat(extra).as("events in the topic more often than in the unbroken run").isEmpty();
        // per-user order: each user's events, as the partition holds them, are in the unbroken run's order
        assertThat(byUser(records)).isEqualTo(byUserReference(reference.logEvents()));
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isNotNull());
    }

    private static Map<String, List<String>> byUser(List<ConsumerRecord<String, String>> records) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode n = json.readTree(r.value());
            assertThat(r.key()).isEqualTo(n.get("u_id").asText());
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        return new java.util.TreeMap<>(out);
    }

    private static Map<String, List<String>> byUserReference(List<LogEvent> events) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (LogEvent e : events) {
            out.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(EventJson.log(e));
        }
        return out;
    }

    private static int committedCount(String topics) {
        return KafkaTestBroker.readCommitted(topics + "-steps").size();
    }

    private static Process start(Path db, String servers, String topics) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), KafkaCrashChild.class.getName(), db.toString(), servers,
                topics, Integer.toString(USERS), Long.toString(HOURS), "60");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "kafka-crash-children.log").toFile()));
        return pb.start();
    }
}
