package dev.synth.flink;

import dev.synth.ConfigException;
import dev.synth.config.ConfigProblem;
import dev.synth.config.GlobalConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.Micros;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink job: ticks ("advance shard s to time t") from a parallel source, {@code keyBy(shard)}, a
 * {@link ShardFunction} holding each shard's simulation in keyed state, then exactly-once sinks - CSV part files
 * ({@code --output-dir}) and/or Kafka topics ({@code --kafka-bootstrap}, values = the events' JSON objects as the
 * {@code kafka} sink writes them). Submit it with {@code flink run synth-flink.jar --config sim.yml ...}, or run
 * it locally on an embedded mini cluster with {@code java -jar synth-flink.jar --config sim.yml --parallelism 2
 * --output-dir out}. {@code --help} lists the options.
 */
public final class SynthJob {
    private static final Logger LOG = LoggerFactory.getLogger(SynthJob.class);
    /** Flink's max parallelism (key groups), fixed so that savepoints can be restored at any parallelism up to it. */
    static final int MAX_PARALLELISM = 128;

    static final String USAGE = String.join("\n",
            "usage: synth-flink.jar --config FILE (--output-dir DIR | --kafka-bootstrap HOST:PORT) [options]",
            "  --config FILE               the simulation's YAML configuration (read by every task: same path on",
            "                              every TaskManager); global.shards is the number of shards (keys)",
            "  --output-dir DIR            CSV part files log_events-*.csv and catalog_events-*.csv, each with a",
            "                              header, visible once the checkpoint after them completed",
            "  --kafka-bootstrap HOSTS     Kafka: topics <prefix>log-events and <prefix>catalog-events, exactly once;",
            "                              values are the events' JSON objects, as the kafka sink writes them",
            "  --topic-prefix P            default synth-",
            "  --seed N                    overrides global.seed",
            "  --parallelism N             default: the environment's (local: the number of processors)",
            "  --tick-hours H              back-fill: advance every shard H hours per tick (default 24)",
            "  --live                      advance every shard to the wall clock every --live-pause-seconds (default",
            "                              5); runs until cancelled or stopped with a savepoint",
            "  --checkpoint-interval-ms N  default 2000; output is committed at each checkpoint",
            "  --checkpoint-dir URI        checkpoint storage, e.g. file:///tmp/ckpt or s3://bucket/ckpt",
            "  --state-backend NAME        hashmap (default) or rocksdb (large shards)",
            "  --restart-attempts N        fixed-delay restart strategy (default 10, 1 s apart)",
            "  --transaction-timeout-ms N  Kafka producer transaction.timeout.ms (default 600000)",
            "  --at-least-once             Kafka without transactions (duplicates after failures)");

    private SynthJob() {
    }

    /** The job's options; see {@link #USAGE}. */
    record Options(Path config, String outputDir, String kafkaBootstrap, String topicPrefix, Long seed,
            Integer parallelism, int tickHours, boolean live, int livePauseSeconds, long checkpointIntervalMs,
            String checkpointDir, String stateBackend, int restartAttempts, long transactionTimeoutMs,
            boolean atLeastOnce, FailurePlan failures, double ticksPerSecond) {

        static Options parse(String... args) {
            Map<String, String> values = new HashMap<>();
            List<String> flags = List.of("--live", "--at-least-once", "--help");
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (flags.contains(a)) {
                    values.put(a, "true");
                } else if (a.startsWith("--") && i + 1 < args.length) {
                    values.put(a, args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown or incomplete option '" + a + "'\n" + USAGE);
                }
            }
            List<String> known = List.of("--config", "--output-dir", "--kafka-bootstrap", "--topic-prefix", "--seed",
                    "--parallelism", "--tick-hours", "--live", "--live-pause-seconds", "--checkpoint-interval-ms",
                    "--checkpoint-dir", "--state-backend", "--restart-attempts", "--transaction-timeout-ms",
                    "--at-least-once", "--help", "--inject-failures", "--failure-probability", "--ticks-per-second");
            for (String key : values.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("unknown option " + key + "\n" + USAGE);
                }
            }
            if (values.containsKey("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!values.containsKey("--config")) {
                throw new IllegalArgumentException("--config is required\n" + USAGE);
            }
            if (!values.containsKey("--output-dir") && !values.containsKey("--kafka-bootstrap")) {
                throw new IllegalArgumentException("give --output-dir or --kafka-bootstrap (or both)\n" + USAGE);
            }
            String backend = values.getOrDefault("--state-backend", "hashmap").toLowerCase(Locale.ROOT);
            if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
                throw new IllegalArgumentException("--state-backend was " + backend + " but must be hashmap or rocksdb");
            }
            int injected = integer(values, "--inject-failures", 0, 0);
            return new Options(Path.of(values.get("--config")), values.get("--output-dir"),
                    values.get("--kafka-bootstrap"), values.getOrDefault("--topic-prefix", "synth-"),
                    values.containsKey("--seed") ? Long.valueOf(longValue(values, "--seed", 0, Long.MIN_VALUE)) : null,
                    values.containsKey("--parallelism") ? integer(values, "--parallelism", 1, 1) : null,
                    integer(values, "--tick-hours", 24, 1), values.containsKey("--live"),
                    integer(values, "--live-pause-seconds", 5, 1), longValue(values, "--checkpoint-interval-ms", 2000, 10),
                    values.get("--checkpoint-dir"), backend, integer(values, "--restart-attempts", 10, 0),
                    longValue(values, "--transaction-timeout-ms", 600_000, 1000), values.containsKey("--at-least-once"),
                    new FailurePlan(injected, Double.parseDouble(values.getOrDefault("--failure-probability", "0.1")),
                            42),
                    Double.parseDouble(values.getOrDefault("--ticks-per-second", "0")));
        }

        private static int integer(Map<String, String> values, String key, int fallback, int min) {
            return Math.toIntExact(longValue(values, key, fallback, min));
        }

        private static long longValue(Map<String, String> values, String key, long fallback, long min) {
            String text = values.get(key);
            if (text == null) {
                return fallback;
            }
            long v;
            try {
                v = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " was '" + text + "' but must be a whole number", e);
            }
            if (v < min) {
                throw new IllegalArgumentException(key + " was " + v + " but must be >= " + min);
            }
            return v;
        }

        JobSettings settings() {
            return new JobSettings(config.toAbsolutePath().normalize().toString(), seed, failures, outputDir != null,
                    kafkaBootstrap != null);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Configuration configuration = configuration(options);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        if (env instanceof LocalStreamEnvironment && options.checkpointDir() == null) {
            // the embedded cluster's default (JobManager) checkpoint storage holds only 5 MB per state
            Path dir = Files.createTempDirectory("synth-flink-checkpoints");
            configuration.setString("execution.checkpointing.dir", dir.toUri().toString());
            env.configure(configuration);
            LOG.info("checkpoints of the local job go to {}", dir);
        }
        String name = build(env, options);
        JobExecutionResult result = env.execute(name);
        Long logs = result.getAccumulatorResult(ShardFunction.LOG_EVENTS);
        long millis = result.getNetRuntime();
        LOG.info("{}: {} log events in {} ms ({} /s)", name, logs, millis,
                millis <= 0 || logs == null ? 0 : Math.round(logs * 1000.0 / millis));
    }

    /** Checkpoints (exactly once), the restart strategy and the state backend, as Flink configuration. */
    static Configuration configuration(Options o) {
        Map<String, String> c = new HashMap<>();
        c.put("execution.checkpointing.interval", o.checkpointIntervalMs() + " ms");
        c.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", Integer.toString(o.restartAttempts()));
        c.put("restart-strategy.fixed-delay.delay", "1 s");
        c.put("state.backend.type", o.stateBackend());
        if (o.checkpointDir() != null) {
            c.put("execution.checkpointing.dir", o.checkpointDir());
            c.put("execution.checkpointing.savepoint-dir", o.checkpointDir());
        }
        if (o.parallelism() != null) {
            c.put("parallelism.default", Integer.toString(o.parallelism()));
        }
        return Configuration.fromMap(c);
    }

    /**
     * Adds the job to {@code env} and returns its name. Reads and checks the configuration first, so a bad one
     * fails on the client, naming the key.
     */
    static String build(StreamExecutionEnvironment env, Options o) {
        JobSettings settings = o.settings();
        SimulationConfig config = settings.loadConfig();
        check(config, o);
        GlobalConfig global = config.global();
        int shards = global.shards();
        if (o.parallelism() != null) {
            env.setParallelism(o.parallelism());
        }
        env.setMaxParallelism(MAX_PARALLELISM);
        DataGeneratorSource<Tick> source;
        long end = global.endTs().map(Micros::of).orElse(Long.MAX_VALUE);
        if (o.live()) {
            source = TickSources.live(shards, end, Duration.ofSeconds(o.livePauseSeconds()));
        } else {
            source = TickSources.backfill(shards, Micros.of(global.startTs()), end,
                    Duration.ofHours(o.tickHours()), o.ticksPerSecond());
        }
        DataStream<EncodedEvent> events = env.fromSource(source, WatermarkStrategy.noWatermarks(), "ticks")
                .uid("ticks")
                .keyBy(new ByShard(shards, MAX_PARALLELISM))
                .process(new ShardFunction(settings)).uid("shards").name("shards");
        if (o.outputDir() != null) {
            String dir = Path.of(o.outputDir()).toAbsolutePath().normalize().toUri().toString();
            events.filter(new Rows(false)).uid("log-rows").name("log rows")
                    .sinkTo(Sinks.files(dir, false)).uid("log-files").name("log files");
            events.filter(new Rows(true)).uid("catalog-rows").name("catalog rows")
                    .sinkTo(Sinks.files(dir, true)).uid("catalog-files").name("catalog files");
        }
        if (o.kafkaBootstrap() != null) {
            Properties producer = new Properties();
            producer.setProperty("transaction.timeout.ms", Long.toString(o.transactionTimeoutMs()));
            String transactional = "synth-" + global.organisation() + "-" + global.project() + "-" + o.topicPrefix();
            events.sinkTo(Sinks.kafka(o.kafkaBootstrap(), o.topicPrefix(), transactional,
                    o.atLeastOnce() ? DeliveryGuarantee.AT_LEAST_ONCE : DeliveryGuarantee.EXACTLY_ONCE, producer))
                    .uid("kafka").name("kafka");
        }
        return "synth " + global.organisation() + "/" + global.project();
    }

    /** What the job cannot do, as configuration errors naming the key. */
    static void check(SimulationConfig config, Options o) {
        List<ConfigProblem> problems = new ArrayList<>();
        GlobalConfig global = config.global();
        if (global.startTs() == null) {
            problems.add(new ConfigProblem("global.start_ts", null, "is required on Flink"));
        }
        if (!o.live() && global.endTs().isEmpty()) {
            problems.add(new ConfigProblem("global.end_ts", null, "is required for a back-fill job (or use --live)"));
        }
        if (global.shards() > 1 && config.population().resurrectionProbability() > 0) {
            problems.add(new ConfigProblem("users.population.resurrection_probability",
                    config.population().resurrectionProbability(), "must be 0 on Flink with global.shards > 1: a"
                    + " resurrection picks among all shards' churned users, which one shard cannot see"));
        }
        if (global.useNudges()) {
            problems.add(new ConfigProblem("global.use_nudges", true, "must be false on Flink: nudges are fetched"
                    + " from a service at wall-clock time, which a replayed tick could not repeat"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(config.sourceFile().map(Object::toString).orElse(null), problems);
        }
    }

    /**
     * The key of a tick: an integer standing for its shard, chosen so that the shards' key groups are spread
     * evenly over {@code [0, maxParallelism)} - with the shard index itself as key, Flink's hashing may put
     * several shards on one subtask and none on another. The table depends only on (shards, max parallelism),
     * both fixed for the life of a job and its savepoints, so a restored job finds each shard's state.
     */
    static final class ByShard implements KeySelector<Tick, Integer> {
        private static final long serialVersionUID = 1L;
        private final int[] keys;

        ByShard(int shards, int maxParallelism) {
            keys = new int[shards];
            java.util.Set<Integer> used = new java.util.HashSet<>();
            for (int k = 0; k < shards; k++) {
                int group = (int) ((long) k * maxParallelism / shards);
                int x = 0;
                while (used.contains(x) || org.apache.flink.runtime.state.KeyGroupRangeAssignment
                        .assignToKeyGroup(x, maxParallelism) != group) {
                    x++;
                }
                used.add(x);
                keys[k] = x;
            }
        }

        @Override
        public Integer getKey(Tick tick) {
            return keys[tick.shard];
        }
    }

    /** Log or catalog events that have a CSV row (not a fake log event the CSV output leaves out). */
    static final class Rows implements FilterFunction<EncodedEvent> {
        private static final long serialVersionUID = 1L;
        private final boolean catalog;

        Rows(boolean catalog) {
            this.catalog = catalog;
        }

        @Override
        public boolean filter(EncodedEvent e) {
            return e.catalog == catalog && e.row != null;
        }
    }
}
