package dev.synth.output.csv;

import dev.synth.spi.EventSink;
import dev.synth.test.EventSinkContract;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JsonLinesEventSink on a stream keeps the EventSink contract (at least once)")
class JsonLinesStreamSinkContractTest extends EventSinkContract {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Override
    protected EventSink newSink() {
        return JsonLinesEventSink.stream(out);
    }

    @Override
    protected boolean exactlyOnce() {
        return false;
    }

    @Override
    protected Output read() throws Exception {
        return TextOutputs.jsonl(out.toString(StandardCharsets.UTF_8), null);
    }
}
