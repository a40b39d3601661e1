package dev.synth.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The job's sinks: Flink's FileSink and KafkaSink over {@link EncodedEvent}s. */
final class Sinks {
    /** File names start like the CSV sink's files: {@code log_events-<uuid>-<subtask>-<n>.csv}. */
    static final String LOG_PREFIX = "log_events";
    static final String CATALOG_PREFIX = "catalog_events";
    /** Kafka topics: the prefix and these, as the Kafka sink of {@code synth-output-kafka} names them. */
    static final String LOG_TOPIC = "log-events";
    static final String CATALOG_TOPIC = "catalog-events";

    private Sinks() {
    }

    /**
     * Part files in {@code directory}, each starting with the CSV header; a part becomes visible (loses its
     * leading dot and {@code .inprogress} suffix) when the checkpoint after it completes, so a reader of the
     * visible files sees every event exactly once.
     */
    static FileSink<EncodedEvent> files(String directory, boolean catalog) {
        return FileSink.forBulkFormat(new Path(directory), new RowsWriter.Factory(catalog))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix(catalog ? CATALOG_PREFIX : LOG_PREFIX).withPartSuffix(".csv").build())
                .build();
    }

    /**
     * Both topics, exactly once: records are written in Kafka transactions committed with Flink's checkpoints
     * ({@code transactional.id}s start with {@code transactionalIdPrefix}).
     */
    static KafkaSink<EncodedEvent> kafka(String bootstrapServers, String topicPrefix, String transactionalIdPrefix,
            DeliveryGuarantee guarantee, Properties producer) {
        return KafkaSink.<EncodedEvent>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new Records(topicPrefix + LOG_TOPIC, topicPrefix + CATALOG_TOPIC))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }

    /**
     * key = user id (log) or {@code <subject_type>:<id>} (catalog), timestamp = event time, value = the event's
     * JSON object ({@link EncodedEvent#value}), as the {@code kafka} sink of {@code synth-output-kafka} writes them.
     */
    static final class Records implements KafkaRecordSerializationSchema<EncodedEvent> {
        private static final long serialVersionUID = 1L;
        private final String logTopic;
        private final String catalogTopic;

        Records(String logTopic, String catalogTopic) {
            this.logTopic = logTopic;
            this.catalogTopic = catalogTopic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(EncodedEvent e, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(e.catalog ? catalogTopic : logTopic, null, e.timeMillis,
                    e.key.getBytes(StandardCharsets.UTF_8), e.value);
        }
    }

    /** Writes the header, then each event's CSV row. */
    static final class RowsWriter implements BulkWriter<EncodedEvent> {
        private final FSDataOutputStream out;

        RowsWriter(FSDataOutputStream out, boolean catalog) throws IOException {
            this.out = out;
            out.write(catalog ? dev.synth.output.csv.CsvRows.CATALOG_HEADER : dev.synth.output.csv.CsvRows.LOG_HEADER);
        }

        @Override
        public void addElement(EncodedEvent e) throws IOException {
            out.write(e.row);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }

        static final class Factory implements BulkWriter.Factory<EncodedEvent> {
            private static final long serialVersionUID = 1L;
            private final boolean catalog;

            Factory(boolean catalog) {
                this.catalog = catalog;
            }

            @Override
            public BulkWriter<EncodedEvent> create(FSDataOutputStream out) throws IOException {
                return new RowsWriter(out, catalog);
            }
        }
    }
}
