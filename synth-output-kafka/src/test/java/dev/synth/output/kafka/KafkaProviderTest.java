package dev.synth.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.ConfigException;
import dev.synth.config.SimulationConfig;
import dev.synth.test.ReadmeSinkKeys;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KafkaProviderTest {
    @Test
    @DisplayName("the README documents exactly the keys the kafka provider reads")
    void readmeKeys() throws Exception {
        assertThat(ReadmeSinkKeys.of(Path.of("..", "README.md"), "kafka")).isEqualTo(KafkaSinkProvider.KEYS);
    }

    @Test
    @DisplayName("settings come from global.outputs.kafka; the secret in the producer settings is not in toString")
    void settings() {
        SimulationConfig c = SimulationConfig.builder().global(g -> g.output("kafka", Map.of(
                "bootstrap_servers", "b1:9092", "log_topic", "logs", "partitions", 6,
                "producer", Map.of("sasl.jaas.config", "secret-password")))).build();
        KafkaEventSink sink = (KafkaEventSink) new KafkaSinkProvider().create(c);
        assertThat(sink.logTopic()).isEqualTo("logs");
        assertThat(sink.catalogTopic()).isEqualTo(KafkaEventSink.DEFAULT_CATALOG_TOPIC);
        assertThat(sink.toString()).contains("b1:9092").doesNotContain("secret-password");
    }

    @Test
    @DisplayName("bootstrap_servers is required, unknown keys and bad partitions are named")
    void badSettings() {
        SimulationConfig c = SimulationConfig.builder().global(g -> g.output("kafka", Map.of(
                "bootstrap", "b1:9092", "partitions", 0))).build();
        assertThatThrownBy(() -> new KafkaSinkProvider().create(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("global.outputs.kafka.bootstrap_servers is required")
                .hasMessageContaining("global.outputs.kafka.bootstrap is not a known key")
                .hasMessageContaining("global.outputs.kafka.partitions was 0");
    }
}
