package dev.synth.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.ConfigException;
import dev.synth.output.kafka.KafkaTestBroker;
import dev.synth.spi.MemorySink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The Flink job (MiniCluster, parallelism 2)")
class FlinkJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Path CONFIG = Outputs.resource("flink_small.yml");
    private static List<String> expectedLogs;
    private static List<String> expectedCatalog;
    /** The Kafka records ({@link Outputs#record}) the {@code kafka} sink would write in the single-JVM run. */
    private static List<String> expectedLogRecords;
    private static List<String> expectedCatalogRecords;

    @TempDir
    Path dir;

    @BeforeAll
    static void singleJvmRun(@TempDir Path reference) {
        MemorySink events = new MemorySink();
        expectedLogs = Outputs.singleJvmRows(CONFIG, reference, "log_events.csv", events);
        expectedCatalog = Outputs.rows(reference.resolve("catalog_events.csv"));
        assertThat(expectedLogs).hasSizeGreaterThan(5_000);
        expectedLogRecords = events.logEvents().stream().map(Outputs::record).toList();
        expectedCatalogRecords = events.catalogEvents().stream().map(Outputs::record).toList();
        assertThat(expectedLogRecords).hasSameSizeAs(expectedLogs);
        assertThat(expectedCatalogRecords).hasSameSizeAs(expectedCatalog);
    }


    private SynthJob.Options options(String... extra) {
        List<String> args = new ArrayList<>(List.of("--config", CONFIG.toString(), "--parallelism", "2",
                "--checkpoint-interval-ms", "300", "--checkpoint-dir", dir.resolve("checkpoints").toUri().toString()));
        args.addAll(List.of(extra));
        return SynthJob.Options.parse(args.toArray(String[]::new));
    }

    private static StreamExecutionEnvironment environment(SynthJob.Options options, Map<String, String> more) {
        Configuration configuration = SynthJob.configuration(options);
        more.forEach(configuration::setString);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        SynthJob.build(env, options);
        return env;
    }

    @Test
    @DisplayName("writes the single-JVM run's log and catalog rows to committed CSV parts, each user's in order")
    void sameRowsAsTheSingleJvmRun() throws Exception {
        Path out = dir.resolve("out");
        environment(options("--output-dir", out.toString(), "--tick-hours", "12"), Map.of()).execute("files");
        List<String> logs = Outputs.committedRows(out, Sinks.LOG_PREFIX);
        assertThat(Outputs.sorted(logs)).isEqualTo(Outputs.sorted(expectedLogs));
        assertThat(Outputs.byUser(logs)).isEqualTo(Outputs.byUser(expectedLogs));
        assertThat(Outputs.sorted(Outputs.committedRows(out, Sinks.CATALOG_PREFIX)))
                .isEqualTo(Outputs.sorted(expectedCatalog));
        assertThat(Files.readString(Files.list(out).filter(p -> p.getFileName().toString().startsWith("log_events"))
                .findFirst().orElseThrow())).startsWith("u_id,d_id,os,ol,ts,type,ip,up,dn,block,props\r\n");
    }

    @Test
    @DisplayName("commits exactly the failure-free output to files (CSV) and Kafka (the kafka sink's JSON records,"
            + " read_committed) despite injected failures")
    void exactlyOnceUnderFailures() throws Exception {
        Path out = dir.resolve("out");
        int before = FailurePlan.INJECTED.get();
        String prefix = "failures-";
        environment(options("--output-dir", out.toString(), "--kafka-bootstrap", KafkaTestBroker.bootstrapServers(),
                "--topic-prefix", prefix, "--tick-hours", "6", "--inject-failures", "3",
                "--failure-probability", "0.15"), Map.of()).execute("failures");
        // each of the 2 subtasks may fail in each of the first 3 attempts
        assertThat(FailurePlan.INJECTED.get() - before).as("injected failures").isBetween(1, 6);

        assertThat(Outputs.sorted(Outputs.committedRows(out, Sinks.LOG_PREFIX)))
                .isEqualTo(Outputs.sorted(expectedLogs));
        assertThat(Outputs.sorted(Outputs.committedRows(out, Sinks.CATALOG_PREFIX)))
                .isEqualTo(Outputs.sorted(expectedCatalog));

        // Kafka: the records of the kafka sink - user id or <subject_type>:<id>, event time, JSON object
        List<String> logRecords = KafkaTestBroker.readCommitted(prefix + Sinks.LOG_TOPIC).stream()
                .map(Outputs::record).toList();
        assertThat(Outputs.sorted(logRecords)).isEqualTo(Outputs.sorted(expectedLogRecords));
        assertThat(Outputs.byKey(logRecords)).as("each user's events in order in its partition")
                .isEqualTo(Outputs.byKey(expectedLogRecords));
        List<String> catalogRecords = KafkaTestBroker.readCommitted(prefix + Sinks.CATALOG_TOPIC).stream()
                .map(Outputs::record).toList();
        assertThat(Outputs.sorted(catalogRecords)).isEqualTo(Outputs.sorted(expectedCatalogRecords));
    }

    @Test
    @DisplayName("stopped with a savepoint and restored at parallelism 1, commits exactly the single-JVM rows")
    void savepointAndRescale() throws Exception {
        Path out = dir.resolve("out");
        SynthJob.Options first = options("--output-dir", out.toString(), "--tick-hours", "3", "--ticks-per-second",
                "8");
        JobClient job = environment(first, Map.of()).executeAsync("before the savepoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (Outputs.committedRows(out, Sinks.LOG_PREFIX).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        String savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(120, TimeUnit.SECONDS);
        int committed = Outputs.committedRows(out, Sinks.LOG_PREFIX).size();
        assertThat(committed).as("rows committed before the stop").isBetween(1, expectedLogs.size() - 1);

        SynthJob.Options second = options("--output-dir", out.toString(), "--tick-hours", "3", "--parallelism", "1");
        Map<String, String> restore = new HashMap<>();
        restore.put("execution.state-recovery.path", savepoint);
        environment(second, restore).execute("after the savepoint");
        assertThat(Outputs.sorted(Outputs.committedRows(out, Sinks.LOG_PREFIX)))
                .isEqualTo(Outputs.sorted(expectedLogs));
        assertThat(Outputs.sorted(Outputs.committedRows(out, Sinks.CATALOG_PREFIX)))
                .isEqualTo(Outputs.sorted(expectedCatalog));
    }

    @Test
    @DisplayName("refuses, naming the key, a configuration whose resurrections would need other shards' users")
    void refusesCrossShardResurrection() throws Exception {
        Path config = dir.resolve("resurrecting.yml");
        Files.writeString(config, Files.readString(CONFIG).replace("    volatility: 0.1",
                "    volatility: 0.1\n    resurrection_probability: 0.5"));
        SynthJob.Options options = SynthJob.Options.parse("--config", config.toString(), "--output-dir",
                dir.resolve("out").toString());
        assertThatThrownBy(() -> SynthJob.build(StreamExecutionEnvironment.getExecutionEnvironment(), options))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("users.population.resurrection_probability");
    }

    @Test
    @DisplayName("explains its options when one is unknown or missing")
    void options() {
        assertThatThrownBy(() -> SynthJob.Options.parse("--config", "x.yml")).hasMessageContaining("--output-dir");
        assertThatThrownBy(() -> SynthJob.Options.parse("--config", "x.yml", "--output-dir", "o", "--speed", "2"))
                .hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> SynthJob.Options.parse("--config", "x.yml", "--output-dir", "o", "--tick-hours",
                "0")).hasMessageContaining("--tick-hours was 0 but must be >= 1");
        assertThat(Duration.ofHours(SynthJob.Options.parse("--config", "x.yml", "--output-dir", "o").tickHours()))
                .isEqualTo(Duration.ofDays(1));
    }
}
