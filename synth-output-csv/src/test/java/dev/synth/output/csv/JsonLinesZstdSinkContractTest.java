package dev.synth.output.csv;

import dev.synth.spi.EventSink;
import dev.synth.test.EventSinkContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("JsonLinesEventSink with zstd keeps the EventSink contract")
class JsonLinesZstdSinkContractTest extends EventSinkContract {
    @TempDir
    Path dir;

    @Override
    protected EventSink newSink() {
        return JsonLinesEventSink.builder().files(dir.resolve("log.jsonl.zst"), dir.resolve("catalog.jsonl.zst"))
                .build();
    }

    @Override
    protected Output read() throws Exception {
        return TextOutputs.jsonl(TextOutputs.text(dir.resolve("log.jsonl.zst")),
                TextOutputs.text(dir.resolve("catalog.jsonl.zst")));
    }
}
