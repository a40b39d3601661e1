package dev.synth.output.parquet;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The two Parquet schemas and a writer of their rows, on parquet-java's low-level {@link RecordConsumer} (no
 * object model in between) and its {@link LocalOutputFile} (plain {@code java.nio}, no Hadoop file system).
 */
final class ParquetRows {
    /** Log events. */
    static final MessageType LOG = Types.buildMessage()
            .required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("ts")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("type")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("u_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("d_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("os")
            .required(PrimitiveTypeName.BOOLEAN).named("ol")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("ip")
            .required(PrimitiveTypeName.INT32).named("up")
            .required(PrimitiveTypeName.INT32).named("dn")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("block")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("props")
            .named("log_event");

    /** Catalog events. */
    static final MessageType CATALOG = Types.buildMessage()
            .required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("ts")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("subject_type")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("data")
            .named("catalog_event");

    private static final Binary OS = Binary.fromString(dev.synth.event.LogEvent.OS);
    private static final Binary IP = Binary.fromString(dev.synth.event.LogEvent.IP);
    /** Row groups of up to 128 MiB, pages of 1 MiB: what readers such as DuckDB and Spark handle best. */
    private static final long ROW_GROUP_BYTES = 128L << 20;

    private ParquetRows() {
    }

    /** One row, as {@link Writer} hands it to the write support. */
    private interface Row {
        void writeTo(RecordConsumer c);
    }

    /** Writes rows of one schema to one file. Not thread-safe. */
    static final class Writer implements AutoCloseable {
        private final ParquetWriter<Row> writer;

        private Writer(ParquetWriter<Row> writer) {
            this.writer = writer;
        }

        void log(long ts, String type, String user, String device, boolean online, int up, int dn, String block,
                byte[] props) throws IOException {
            writer.write(c -> {
                c.startMessage();
                field(c, "ts", 0, () -> c.addLong(ts));
                string(c, "type", 1, type);
                string(c, "u_id", 2, user);
                string(c, "d_id", 3, device);
                field(c, "os", 4, () -> c.addBinary(OS));
                field(c, "ol", 5, () -> c.addBoolean(online));
                field(c, "ip", 6, () -> c.addBinary(IP));
                field(c, "up", 7, () -> c.addInteger(up));
                field(c, "dn", 8, () -> c.addInteger(dn));
                string(c, "block", 9, block);
                field(c, "props", 10, () -> c.addBinary(Binary.fromConstantByteArray(props)));
                c.endMessage();
            });
        }

        void catalog(long ts, String subjectType, byte[] data) throws IOException {
            writer.write(c -> {
                c.startMessage();
                field(c, "ts", 0, () -> c.addLong(ts));
                string(c, "subject_type", 1, subjectType);
                field(c, "data", 2, () -> c.addBinary(Binary.fromConstantByteArray(data)));
                c.endMessage();
            });
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }

        private static void string(RecordConsumer c, String name, int index, String value) {
            field(c, name, index, () -> c.addBinary(Binary.fromString(value)));
        }

        private static void field(RecordConsumer c, String name, int index, Runnable value) {
            c.startField(name, index);
            value.run();
            c.endField(name, index);
        }
    }

    /** A new file (replacing one left by a crash) for log or catalog rows. */
    static Writer open(Path file, boolean log) throws IOException {
        MessageType schema = log ? LOG : CATALOG;
        ParquetWriter<Row> w = new RowWriterBuilder(new LocalOutputFile(file), schema)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCodecFactory(new ZstdCodecs())
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withPageSize(1 << 20)
                .withDictionaryEncoding(true)
                .build();
        return new Writer(w);
    }

    private static final class RowWriterBuilder extends ParquetWriter.Builder<Row, RowWriterBuilder> {
        private final MessageType schema;

        RowWriterBuilder(LocalOutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected RowWriterBuilder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(schema);
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema);
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final MessageType schema;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, java.util.Map.of("writer", "synth"));
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, java.util.Map.of("writer", "synth"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Row row) {
            row.writeTo(consumer);
        }
    }
}
