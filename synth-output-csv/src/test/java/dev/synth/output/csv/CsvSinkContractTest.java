package dev.synth.output.csv;

import dev.synth.spi.EventSink;
import dev.synth.test.EventSinkContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CsvEventSink keeps the EventSink contract")
class CsvSinkContractTest extends EventSinkContract {
    @TempDir
    Path dir;

    @Override
    protected EventSink newSink() {
        return CsvEventSink.to(dir);
    }

    @Override
    protected Output read() throws Exception {
        return TextOutputs.csv(dir.resolve("log_events.csv"), dir.resolve("catalog_events.csv"));
    }
}
