package dev.synth.output.kafka;

import dev.synth.config.SimulationConfig;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import dev.synth.spi.SinkSettings;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code kafka} entry of {@code global.sink_types}: a {@link KafkaEventSink} configured by
 * {@code global.outputs.kafka}: {@code bootstrap_servers} (required), {@code log_topic}, {@code catalog_topic},
 * {@code steps_topic}, {@code partitions} (of topics the sink creates) and {@code producer} (a mapping of
 * Kafka producer settings, e.g. SASL; never logged).
 */
public final class KafkaSinkProvider implements EventSinkProvider {
    /** The keys of {@code global.outputs.kafka}. */
    public static final Set<String> KEYS = Set.of("bootstrap_servers", "log_topic", "catalog_topic", "steps_topic",
            "partitions", "producer");

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public EventSink create(SimulationConfig config) {
        SinkSettings s = SinkSettings.of(config, "kafka", KEYS);
        Optional<String> servers = s.string("bootstrap_servers").filter(v -> !v.isBlank());
        if (servers.isEmpty()) {
            s.problem("bootstrap_servers", null, "is required by sink type kafka (e.g. \"localhost:9092\")");
        }
        Optional<String> log = s.string("log_topic");
        Optional<String> catalog = s.string("catalog_topic");
        Optional<String> steps = s.string("steps_topic");
        Optional<Long> partitions = s.integer("partitions", 1, 10_000);
        var producer = s.stringMap("producer");
        s.check();
        KafkaEventSink.Builder b = KafkaEventSink.builder(servers.get()).producerConfig(producer);
        log.ifPresent(b::logTopic);
        catalog.ifPresent(b::catalogTopic);
        steps.ifPresent(b::stepsTopic);
        partitions.ifPresent(p -> b.partitions(p.intValue()));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            s.problem("log_topic", log.orElse(KafkaEventSink.DEFAULT_LOG_TOPIC), e.getMessage());
            s.check();
            throw e;
        }
    }
}
