package dev.synth.output.csv;

import dev.synth.spi.EventSink;
import dev.synth.test.EventSinkContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("JsonLinesEventSink keeps the EventSink contract")
class JsonLinesSinkContractTest extends EventSinkContract {
    @TempDir
    Path dir;

    @Override
    protected EventSink newSink() {
        return JsonLinesEventSink.to(dir);
    }

    @Override
    protected Output read() throws Exception {
        return TextOutputs.jsonl(TextOutputs.text(dir.resolve("log_events.jsonl")),
                TextOutputs.text(dir.resolve("catalog_events.jsonl")));
    }
}
