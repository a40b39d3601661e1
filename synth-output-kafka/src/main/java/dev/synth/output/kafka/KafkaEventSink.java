package dev.synth.output.kafka;

import dev.synth.SinkException;
import dev.synth.event.CatalogEvent;
import dev.synth.event.EventJson;
import dev.synth.event.JsonBuffer;
import dev.synth.event.LogEvent;
import dev.synth.spi.EventSink;
import dev.synth.spi.RunKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventSink} writing log and catalog events to two Kafka topics, exactly once across crashes.
 *
 * <h2>Records</h2>
 * Log events go to the log topic with key = the user id (UTF-8), so a user's events stay in one partition, in
 * order; record timestamp = the event time (milliseconds); value = the event's JSON object
 * ({@link EventJson}, the JSON Lines format). Catalog events go to the catalog topic, keyed by
 * {@code <subject_type>:<id>} ({@link CatalogEvent#key()}: the entry's {@code uuid} or {@code platform_uuid}; the
 * subject type alone when it has neither).
 *
 * <h2>Exactly once (D8)</h2>
 * The producer is transactional ({@code transactional.id} = {@code synth-<organisation>/<project>} unless
 * overridden), and each step is one transaction: its records plus a step marker, a record on the steps topic
 * keyed by the run whose value is {@code step=<n>}, the run's step count. {@link #commit()} commits the transaction and
 * returns the same text as the position. A crash after the transaction's commit but before the simulation
 * state's leaves the topic one or more steps ahead of the stored position: {@link #open} reads the run's last
 * marker (read_committed, partitions assigned, not subscribed), and the sink then drops the steps the topic
 * already holds when the resumed run writes them again. {@code initTransactions()} at open aborts a transaction
 * a killed process left open and fences that process. A {@code read_committed} consumer thus sees every event
 * once. This holds for a run killed before its first commit too: a first run whose run key already has
 * markers takes the steps they count as its own (with a WARN); to start a run key over, use new topics.
 *
 * <h2>Settings</h2>
 * Bootstrap servers, topic names, partitions of topics it creates, and producer overrides (e.g. SASL settings);
 * missing topics are created at open, with {@code retention.ms=-1}: record timestamps are simulated times, often
 * years in the past, which a time-based retention deletes at its next check. Topics created beforehand need the
 * same (or {@code message.timestamp.type=LogAppendTime}). Only bootstrap servers and topics are logged, never producer settings, so
 * secrets such as {@code sasl.jaas.config} stay out of the logs.
 *
 * <p>Not thread-safe; calls follow the {@link EventSink} lifecycle.
 */
public final class KafkaEventSink implements EventSink {
    /** The default {@link #name()}. */
    public static final String DEFAULT_NAME = "kafka";
    /** The default log topic. */
    public static final String DEFAULT_LOG_TOPIC = "synth-log-events";
    /** The default catalog topic. */
    public static final String DEFAULT_CATALOG_TOPIC = "synth-catalog-events";
    /** The default steps (marker) topic. */
    public static final String DEFAULT_STEPS_TOPIC = "synth-steps";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);
    private static final Duration MARKER_READ_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final String bootstrapServers;
    private final String logTopic;
    private final String catalogTopic;
    private final String stepsTopic;
    private final int partitions;
    private final Map<String, String> producerOverrides;

    // while open
    private RunKey run;
    private KafkaProducer<byte[], byte[]> producer;
    private long step;
    /** Steps the topic already holds beyond the stored position: written again by the resumed run, dropped. */
    private long stepsToSkip;
    private boolean inTransaction;
    private boolean failed;
    private final JsonBuffer json = new JsonBuffer(1024);

    private KafkaEventSink(Builder b) {
        this.name = b.name;
        this.bootstrapServers = b.bootstrapServers;
        this.logTopic = b.logTopic;
        this.catalogTopic = b.catalogTopic;
        this.stepsTopic = b.stepsTopic;
        this.partitions = b.partitions;
        this.producerOverrides = Map.copyOf(b.producerOverrides);
    }

    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    @Override
    public String name() {
        return name;
    }

    /** The log events' topic. */
    public String logTopic() {
        return logTopic;
    }

    /** The catalog events' topic. */
    public String catalogTopic() {
        return catalogTopic;
    }

    /** The step markers' topic. */
    public String stepsTopic() {
        return stepsTopic;
    }

    /**
     * Creates missing topics, starts the transactional producer (which completes or aborts what a killed process
     * left in flight) and then reads the run's last step marker to learn which steps the topics already hold.
     *
     * @throws SinkException if the broker cannot be reached, or the topics hold fewer steps than were committed
     */
    @Override
    public void open(RunKey run, Optional<String> committedPosition) {
        Objects.requireNonNull(run, "run");
        if (this.run != null) {
            throw new IllegalStateException(this + " is already open for run " + this.run);
        }
        String prefix = prefix(run);
        Optional<Marker> stored = committedPosition.filter(p -> !p.isEmpty()).map(p -> Marker.parse(p, prefix));
        try {
            createTopics(prefix);
            // first fence the previous producer: initTransactions() completes a transaction it was committing and
            // aborts one it left open, so the markers read next are final
            KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerConfig(run));
            Optional<Marker> inTopic;
            try {
                p.initTransactions();
                inTopic = lastMarker(run);
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                throw e;
            }
            long committed = stored.map(Marker::step).orElse(0L);
            long held = inTopic.map(Marker::step).orElse(0L);
            if (held < committed) {
                p.close(Duration.ZERO);
                throw new SinkException(prefix + "the committed position is " + stored.get() + " but the topic "
                        + stepsTopic + " holds " + inTopic.map(Marker::toString).orElse("no marker") + " for this"
                        + " run: steps were lost outside synth (topic deleted or truncated?), so the run cannot"
                        + " resume exactly");
            }
            if (stored.isEmpty() && held > 0) {
                LOG.warn("{}the topics already hold {} step(s) of this run but no step of it was committed: they"
                        + " are taken as this run's first steps (a run killed before its first commit) and not"
                        + " written again; to start over, use new topics or another organisation/project", prefix,
                        held);
            }
            step = committed;
            stepsToSkip = held - committed;
            this.producer = p;
        } catch (KafkaException e) {
            throw new SinkException(prefix + "cannot open Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        this.run = run;
        this.inTransaction = false;
        this.failed = false;
        LOG.info("[{}] kafka sink '{}' writing to {} (topics {}, {}; markers in {}) from step {}{}", run, name,
                bootstrapServers, logTopic, catalogTopic, stepsTopic, step,
                stepsToSkip > 0 ? ", " + stepsToSkip + " step(s) already in the topics will be skipped" : "");
    }

    /**
     * Starts the step's transaction and sends its records (the producer batches them). All or nothing: every
     * event is rendered before anything is sent, so a value that is not JSON fails the write with nothing sent.
     *
     * @throws SinkException naming the event that cannot be rendered, or on a Kafka error (the sink is then
     *                       failed; reopen it to resume)
     */
    @Override
    public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
        checkUsable();
        if (stepsToSkip > 0) {
            return; // already in the topics: the transaction of this step committed before the crash
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(logEvents.size() + catalogEvents.size() + 1);
        Object current = null;
        try {
            for (CatalogEvent e : catalogEvents) {
                current = e;
                json.reset();
                EventJson.writeCatalog(json, e);
                records.add(new ProducerRecord<>(catalogTopic, null, e.timeMicros() / 1000, catalogKey(e),
                        json.toByteArray()));
            }
            for (LogEvent e : logEvents) {
                current = e;
                json.reset();
                EventJson.writeLog(json, e);
                records.add(new ProducerRecord<>(logTopic, null, Math.floorDiv(e.timeMicros(), 1000L),
                        e.userId().getBytes(StandardCharsets.UTF_8), json.toByteArray()));
            }
        } catch (RuntimeException e) {
            String what = current instanceof LogEvent le ? "log event " + le.type() + " of user " + le.userId()
                    : "a catalog event";
            throw new SinkException(prefix(run) + "cannot write " + what + ": " + e.getMessage(), e);
        }
        records.add(new ProducerRecord<>(stepsTopic, runKeyBytes(run),
                new Marker(step + 1).toString().getBytes(StandardCharsets.UTF_8)));
        try {
            if (!inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
            }
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r);
            }
        } catch (KafkaException e) {
            failed = true;
            throw new SinkException(prefix(run) + "cannot send the step's records: " + e.getMessage(), e);
        }
    }

    /**
     * Commits the step's transaction (or counts a step the topics already held) and returns {@code step=<n>}.
     *
     * @throws SinkException on a Kafka error; the sink is then failed
     */
    @Override
    public String commit() {
        checkUsable();
        if (stepsToSkip > 0) {
            stepsToSkip--;
        } else {
            try {
                if (!inTransaction) { // a step whose write was empty still gets its marker
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>(stepsTopic, runKeyBytes(run),
                            new Marker(step + 1).toString().getBytes(StandardCharsets.UTF_8)));
                }
                producer.commitTransaction();
                inTransaction = false;
            } catch (KafkaException e) {
                failed = true;
                throw new SinkException(prefix(run) + "cannot commit the step's transaction: " + e.getMessage(), e);
            }
        }
        step++;
        return new Marker(step).toString();
    }

    /** Aborts an open transaction (its step was never committed) and closes the producer. */
    @Override
    public void close() {
        if (run == null) {
            return;
        }
        try {
            if (inTransaction && !failed) {
                producer.abortTransaction();
            }
        } catch (KafkaException e) {
            LOG.debug("[{}] kafka sink '{}': abort at close failed: {}", run, name, e.toString());
        } finally {
            producer.close(Duration.ofSeconds(30));
            producer = null;
            run = null;
            inTransaction = false;
        }
    }

    @Override
    public String toString() {
        return "KafkaEventSink[" + name + ": " + bootstrapServers + ", " + logTopic + ", " + catalogTopic + "]";
    }

    // ---- internals ----------------------------------------------------------------------------------------

    /** A step marker, also the position: the number of the run's steps the topics hold. */
    record Marker(long step) {
        static Marker parse(String text, String prefix) {
            if (text.startsWith("step=")) {
                try {
                    long step = Long.parseLong(text.substring(5));
                    if (step >= 0) {
                        return new Marker(step);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw new SinkException(prefix + "the committed position '" + text + "' is not one of a kafka sink"
                    + " (expected step=<n>); was it stored by another kind of sink?");
        }

        @Override
        public String toString() {
            return "step=" + step;
        }
    }

    private Map<String, Object> producerConfig(RunKey run) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "synth-" + run);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.putAll(producerOverrides);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return c;
    }

    /** Settings shared by the admin client and the marker consumer: the producer's, minus producer-only ones. */
    private Map<String, Object> clientConfig() {
        Map<String, Object> c = new HashMap<>();
        producerOverrides.forEach((k, v) -> {
            String key = k.toLowerCase(Locale.ROOT);
            if (key.startsWith("sasl.") || key.startsWith("ssl.") || key.equals("security.protocol")
                    || key.startsWith("client.dns") || key.equals("request.timeout.ms")) {
                c.put(k, v);
            }
        });
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return c;
    }

    private void createTopics(String prefix) {
        try (Admin admin = Admin.create(clientConfig())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : List.of(logTopic, catalogTopic)) {
                if (!existing.contains(topic)) {
                    // records carry simulated (often historical) times: time-based retention would delete them
                    // at once, so topics the sink creates keep records until deleted by hand
                    missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty())
                            .configs(Map.of("retention.ms", "-1")));
                }
            }
            if (!existing.contains(stepsTopic)) {
                missing.add(new NewTopic(stepsTopic, Optional.of(1), Optional.empty())
                        .configs(Map.of("cleanup.policy", "compact")));
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                    LOG.info("{}created topics {}", prefix, missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new SinkException(prefix + "cannot create the topics at " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException(prefix + "interrupted while creating the topics", e);
        }
    }

    /** The run's last committed marker in the steps topic (read_committed, partitions assigned). */
    private Optional<Marker> lastMarker(RunKey run) {
        Map<String, Object> c = clientConfig();
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        String key = run.toString();
        Marker last = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(stepsTopic, MARKER_READ_TIMEOUT)) {
                parts.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, MARKER_READ_TIMEOUT);
            Map<TopicPartition, Long> remaining = new LinkedHashMap<>(end);
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), MARKER_READ_TIMEOUT) >= e.getValue());
            int emptyPolls = 0;
            while (!remaining.isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))
                            && r.value() != null) {
                        last = Marker.parse(new String(r.value(), StandardCharsets.UTF_8), prefix(run));
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), MARKER_READ_TIMEOUT) >= e.getValue());
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                if (emptyPolls > 240) {
                    throw new SinkException(prefix(run) + "cannot read the step markers of " + stepsTopic
                            + ": no progress towards offsets " + remaining);
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private static byte[] catalogKey(CatalogEvent e) {
        return e.key().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] runKeyBytes(RunKey run) {
        return run.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void checkUsable() {
        if (run == null) {
            throw new IllegalStateException(this + " is not open");
        }
        if (failed) {
            throw new SinkException(prefix(run) + "an earlier Kafka error left the transaction in an unknown state;"
                    + " reopen the sink to resume from the last commit");
        }
    }

    private String prefix(RunKey run) {
        return "[" + run + "] kafka sink '" + name + "': ";
    }

    /**
     * Configures a {@link KafkaEventSink}. Defaults: name {@value KafkaEventSink#DEFAULT_NAME}, topics
     * {@value KafkaEventSink#DEFAULT_LOG_TOPIC}, {@value KafkaEventSink#DEFAULT_CATALOG_TOPIC} and
     * {@value KafkaEventSink#DEFAULT_STEPS_TOPIC}, 3 partitions for topics it creates, no producer overrides.
     */
    public static final class Builder {
        private final String bootstrapServers;
        private String name = DEFAULT_NAME;
        private String logTopic = DEFAULT_LOG_TOPIC;
        private String catalogTopic = DEFAULT_CATALOG_TOPIC;
        private String stepsTopic = DEFAULT_STEPS_TOPIC;
        private int partitions = 3;
        private final Map<String, String> producerOverrides = new LinkedHashMap<>();

        private Builder(String bootstrapServers) {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            if (bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrapServers must not be blank");
            }
            this.bootstrapServers = bootstrapServers;
        }

        /** The name the sink's position is stored under. */
        public Builder name(String name) {
            this.name = requireText(name, "name");
            return this;
        }

        /** The log events' topic. */
        public Builder logTopic(String topic) {
            this.logTopic = requireText(topic, "logTopic");
            return this;
        }

        /** The catalog events' topic. */
        public Builder catalogTopic(String topic) {
            this.catalogTopic = requireText(topic, "catalogTopic");
            return this;
        }

        /** The step markers' topic (compacted, one partition when the sink creates it). */
        public Builder stepsTopic(String topic) {
            this.stepsTopic = requireText(topic, "stepsTopic");
            return this;
        }

        /** Partitions of the log and catalog topics when the sink creates them; {@code >= 1}. */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions was " + partitions + " but must be >= 1");
            }
            this.partitions = partitions;
            return this;
        }

        /**
         * Producer settings (Kafka's names, e.g. {@code security.protocol}, {@code sasl.jaas.config},
         * {@code transactional.id}); they override the sink's defaults, except the serializers. Security settings
         * are also used by the admin client and the marker reader. Never logged.
         */
        public Builder producerConfig(Map<String, String> overrides) {
            producerOverrides.putAll(overrides);
            return this;
        }

        /** @throws IllegalArgumentException if two of the topics are the same */
        public KafkaEventSink build() {
            if (Set.of(logTopic, catalogTopic, stepsTopic).size() < 3) {
                throw new IllegalArgumentException("the log, catalog and steps topics must differ, but were "
                        + logTopic + ", " + catalogTopic + ", " + stepsTopic);
            }
            return new KafkaEventSink(this);
        }

        private static String requireText(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }

    static Collection<String> topics(KafkaEventSink sink) {
        return List.of(sink.logTopic, sink.catalogTopic, sink.stepsTopic);
    }
}
