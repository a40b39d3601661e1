package dev.synth.output.csv;

import dev.synth.spi.EventSink;
import dev.synth.test.EventSinkContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CsvEventSink with gzip keeps the EventSink contract")
class CsvGzipSinkContractTest extends EventSinkContract {
    @TempDir
    Path dir;

    @Override
    protected EventSink newSink() {
        return CsvEventSink.builder().directory(dir).compression(Compression.GZIP).build();
    }

    @Override
    protected Output read() throws Exception {
        return TextOutputs.csv(dir.resolve("log_events.csv.gz"), dir.resolve("catalog_events.csv.gz"));
    }
}
