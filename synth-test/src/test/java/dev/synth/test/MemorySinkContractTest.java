package dev.synth.test;

import dev.synth.spi.EventSink;
import dev.synth.spi.MemorySink;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MemorySink keeps the EventSink contract (at least once: it cannot take events back)")
class MemorySinkContractTest extends EventSinkContract {
    private final MemorySink sink = new MemorySink();

    @Override
    protected EventSink newSink() {
        return sink;
    }

    @Override
    protected boolean exactlyOnce() {
        return false;
    }

    @Override
    protected boolean rejectsValuesThatAreNotJson() {
        return false;
    }

    @Override
    protected Output read() {
        return new Output(sink.logEvents().stream().map(EventSinkContract::logKey).toList(),
                sink.catalogEvents().stream().map(EventSinkContract::catalogKey).toList());
    }
}
