package dev.synth.output.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.spi.EventSink;
import dev.synth.test.EventSinkContract;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;

/** Topics of one partition, so a consumer reads them in write order. */
@DisplayName("KafkaEventSink keeps the EventSink contract (in-process KRaft broker, read_committed consumer)")
class KafkaSinkContractTest extends EventSinkContract {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String topics = "contract-" + TESTS.incrementAndGet() + "-" + ProcessHandle.current().pid();

    @Override
    protected EventSink newSink() {
        return KafkaEventSink.builder(KafkaTestBroker.bootstrapServers()).logTopic(topics + "-log")
                .catalogTopic(topics + "-catalog").stepsTopic(topics + "-steps").partitions(1).build();
    }

    @Override
    protected Output read() throws Exception {
        List<String> logs = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KafkaTestBroker.readCommitted(topics + "-log")) {
            JsonNode n = JSON.readTree(r.value());
            logs.add(n.get("ts").asText() + "|" + n.get("type").asText() + "|" + n.get("u_id").asText());
        }
        List<String> catalogs = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KafkaTestBroker.readCommitted(topics + "-catalog")) {
            JsonNode n = JSON.readTree(r.value());
            catalogs.add(n.get("ts").asText() + "|" + n.get("subject_type").asText());
        }
        return new Output(logs, catalogs);
    }
}
