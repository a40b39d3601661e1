package dev.synth.examples.jsonl;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Timestamps;
import dev.synth.spi.EventSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A custom {@link EventSink}: every event as one JSON object per line (JSON Lines) on a stream, for example
 * standard output. Log events look like
 * <pre>{"kind":"log","ts":"2024-01-01T19:04:11.000000Z","u_id":"...","d_id":"...","ol":true,"type":"play",
 * "block":"core","props":{"series":"Bakery Wars","episode":3,"position_seconds":0}}</pre>
 * and catalog events like {@code {"kind":"catalog","ts":"...","subject_type":"user","data":{...}}}.
 *
 * <p>Lifecycle and threading follow {@link EventSink}: the engine calls {@link #write} and then {@link #commit}
 * once per simulated step, on one thread. A stream cannot be rewound, so this sink is at-least-once: if a process
 * dies between writing a step and committing it, the resumed run writes that step again (the CSV sink, which can
 * truncate its files, is exactly-once). {@link #close()} flushes but does not close the stream it was given.
 */
public final class JsonLinesSink implements EventSink {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private final OutputStream out;
    private final String name;
    private long lines;

    /**
     * A sink named {@value JsonLinesSinkProvider#TYPE} writing to {@code out}.
     *
     * @param out the stream; flushed after every step, never closed by the sink
     */
    public JsonLinesSink(OutputStream out) {
        this(out, JsonLinesSinkProvider.TYPE);
    }

    /**
     * A sink with its own name (each sink of one simulation needs a distinct name).
     *
     * @param out  the stream; flushed after every step, never closed by the sink
     * @param name the name its position is stored under
     */
    public JsonLinesSink(OutputStream out, String name) {
        this.out = Objects.requireNonNull(out, "out");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
        // The two lists are each in time order; merge them so that the lines are in time order too.
        int c = 0;
        for (LogEvent log : logEvents) {
            while (c < catalogEvents.size() && catalogEvents.get(c).timeMicros() <= log.timeMicros()) {
                line(catalog(catalogEvents.get(c++)));
            }
            line(log(log));
        }
        while (c < catalogEvents.size()) {
            line(catalog(catalogEvents.get(c++)));
        }
    }

    @Override
    public String commit() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Long.toString(lines);
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lines written by this sink object so far.
     *
     * @return the count
     */
    public long lines() {
        return lines;
    }

    private static Map<String, Object> log(LogEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "log");
        m.put("ts", Timestamps.format(e.timeMicros()));
        m.put("u_id", e.userId());
        m.put("d_id", e.deviceId());
        m.put("ol", e.online());
        m.put("type", e.type());
        m.put("block", e.block().wireName());
        m.put("props", e.props());
        return m;
    }

    private static Map<String, Object> catalog(CatalogEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "catalog");
        m.put("ts", Timestamps.format(e.timeMicros()));
        m.put("subject_type", e.subjectType());
        m.put("data", e.data());
        return m;
    }

    private void line(Map<String, Object> value) {
        try {
            MAPPER.writeValue(out, value);
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
