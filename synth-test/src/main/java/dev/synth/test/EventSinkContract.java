package dev.synth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.event.CatalogType;
import dev.synth.event.Block;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import dev.synth.event.Timestamps;
import dev.synth.spi.EventSink;
import dev.synth.spi.RunKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link EventSink} contract: what every sink must do, whatever it writes to. Subclass it, say how to make a
 * sink on some storage ({@link #newSink()}: every call in one test must reach the same storage, as a new process
 * would after a crash) and how a consumer reads that storage back ({@link #read()}). Published in
 * {@code synth-test} for third-party sinks; depend on it with test scope.
 *
 * <p>The contract (DECISIONS D8): what a consumer sees is exactly the events of committed steps, in write order;
 * a step written but not committed, then written again by a sink opened at the last committed position, appears
 * once ({@link #exactlyOnce()} sinks) or at least once (streams and APIs that cannot take data back); a resumed
 * run's output equals an unbroken run's; a write whose events cannot be rendered fails with a
 * {@link dev.synth.SinkException} (or {@link IllegalArgumentException}) and leaves nothing of the step behind.
 */
public abstract class EventSinkContract {
    private static final AtomicLong RUNS = new AtomicLong();
    private static final long T0 = Micros.of(Instant.parse("2020-01-01T00:00:00Z"));

    private final List<EventSink> opened = new ArrayList<>();
    private RunKey run;

    /** What a consumer of the storage sees. */
    public record Output(List<String> logEvents, List<String> catalogEvents) {
        public Output {
            logEvents = List.copyOf(logEvents);
            catalogEvents = List.copyOf(catalogEvents);
        }
    }

    /**
     * A new sink on this test's storage (the same storage on every call within one test, fresh storage for each
     * test).
     */
    protected abstract EventSink newSink();

    /**
     * What a consumer sees of this test's storage, once every sink is closed: for each log event
     * {@link #logKey(LogEvent)}, for each catalog event {@link #catalogKey(CatalogEvent)}, in the order a consumer
     * reads them (for a keyed, partitioned store such as Kafka: sorted by the keys' text is fine, see
     * {@link #ordered()}).
     */
    protected abstract Output read() throws Exception;

    /** Whether a resumed sink takes back what was written after its last commit. Default {@code true}. */
    protected boolean exactlyOnce() {
        return true;
    }

    /**
     * Whether {@link #read()} gives events in write order; {@code false} when the storage only keeps an order per
     * key (then both sides are compared sorted). Default {@code true}.
     */
    protected boolean ordered() {
        return true;
    }

    /** Whether the sink checks that props and data are JSON values. Default {@code true}. */
    protected boolean rejectsValuesThatAreNotJson() {
        return true;
    }

    /** Whether the sink writes catalog events at all (an API may take only some types). Default {@code true}. */
    protected boolean writesCatalogEvents() {
        return true;
    }

    /**
     * The run key of this test: its own within the test run (deterministic: no clock, no process id), so one
     * broker or server can serve every test of the run.
     */
    protected final RunKey run() {
        if (run == null) {
            run = new RunKey("contract", "sink-" + getClass().getSimpleName() + "-" + RUNS.incrementAndGet());
        }
        return run;
    }

    /** A log event as {@link #read()} reports it: {@code ts|type|u_id}. */
    public static String logKey(LogEvent e) {
        return Timestamps.format(e.timeMicros()) + "|" + e.type() + "|" + e.userId();
    }

    /** A catalog event as {@link #read()} reports it: {@code ts|subject_type}. */
    public static String catalogKey(CatalogEvent e) {
        return Timestamps.format(e.timeMicros()) + "|" + e.subjectType();
    }

    /** Step {@code n}'s log events: a few users, typed props (numbers, nested objects, lists, non-ASCII text). */
    public static List<LogEvent> logStep(int n) {
        List<LogEvent> events = new ArrayList<>();
        long start = T0 + n * Micros.PER_HOUR;
        for (int i = 0; i < 5; i++) {
            String user = "user-" + (i % 3);
            Map<String, Object> props = Props.of("action", i % 2 == 0 ? "view" : "pause", "duration", 12.5 + i,
                    "step", n, "tags", List.of("a", "b\"c"), "nested", Props.of("k", i, "ok", true),
                    "text", "çà \u00e9 \"quoted\", comma");
            events.add(new LogEvent(user, "device-" + (i % 3), start + i * 60 * Micros.PER_SECOND, i % 2 == 0,
                    i % 2 == 0 ? "page" : "video", i % 2 == 0 ? Block.CORE : Block.ELEARNING, props, 1000 + i,
                    2000 + n));
        }
        return events;
    }

    /** Step {@code n}'s catalog events. */
    public static List<CatalogEvent> catalogStep(int n) {
        long start = T0 + n * Micros.PER_HOUR;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uuid", "item-" + n);
        data.put("name", "Item " + n);
        data.put("price", 9.99);
        return List.of(new CatalogEvent(start, CatalogType.USER, Props.of("platform_uuid", "user-" + n,
                "name", "Name " + n)), new CatalogEvent(start + 1, CatalogType.DRUG, data));
    }

    private Output expected(int fromStep, int toStep) {
        List<String> logs = new ArrayList<>();
        List<String> catalogs = new ArrayList<>();
        for (int n = fromStep; n < toStep; n++) {
            logStep(n).forEach(e -> logs.add(logKey(e)));
            catalogStep(n).forEach(e -> catalogs.add(catalogKey(e)));
        }
        return new Output(logs, catalogs);
    }

    private void assertOutput(Output actual, Output expected, boolean atLeastOnce) {
        List<String> logs = new ArrayList<>(actual.logEvents());
        List<String> wantLogs = new ArrayList<>(expected.logEvents());
        List<String> catalogs = new ArrayList<>(actual.catalogEvents());
        List<String> wantCatalogs = new ArrayList<>(expected.catalogEvents());
        if (!ordered()) {
            logs.sort(null);
            wantLogs.sort(null);
            catalogs.sort(null);
            wantCatalogs.sort(null);
        }
        if (atLeastOnce) {
            assertThat(logs).as("log events (at least once)").containsAll(wantLogs);
            if (writesCatalogEvents()) {
                assertThat(catalogs).as("catalog events (at least once)").containsAll(wantCatalogs);
            }
            return;
        }
        assertThat(logs).as("log events").isEqualTo(wantLogs);
        if (writesCatalogEvents()) {
            assertThat(catalogs).as("catalog events").isEqualTo(wantCatalogs);
        }
    }

    protected final EventSink sink() {
        EventSink sink = newSink();
        opened.add(sink);
        return sink;
    }

    @AfterEach
    void closeSinks() {
        for (EventSink s : opened) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // a test that failed may leave a sink in any state
            }
        }
    }

    private String writeSteps(EventSink sink, int from, int to) {
        String position = null;
        for (int n = from; n < to; n++) {
            sink.write(logStep(n), catalogStep(n));
            position = sink.commit();
        }
        return position;
    }

    @Test
    @DisplayName("a consumer sees the events of the committed steps, in order")
    void committedSteps() throws Exception {
        EventSink sink = sink();
        sink.open(run(), Optional.empty());
        writeSteps(sink, 0, 3);
        sink.close();
        assertOutput(read(), expected(0, 3), false);
    }

    @Test
    @DisplayName("its name is not blank and does not change")
    void name() {
        EventSink sink = sink();
        assertThat(sink.name()).isNotBlank().isEqualTo(sink.name());
    }

    @Test
    @DisplayName("empty steps commit and change nothing a consumer sees")
    void emptySteps() throws Exception {
        EventSink sink = sink();
        sink.open(run(), Optional.empty());
        sink.write(List.of(), List.of());
        sink.commit();
        writeSteps(sink, 0, 1);
        sink.write(List.of(), List.of());
        sink.commit();
        sink.close();
        assertOutput(read(), expected(0, 1), false);
    }

    @Test
    @DisplayName("a step written but not committed, then written again after a resume, is seen once")
    void uncommittedStepIsRedone() throws Exception {
        EventSink first = sink();
        first.open(run(), Optional.empty());
        String position = writeSteps(first, 0, 2);
        first.write(logStep(2), catalogStep(2)); // the process dies before the step's commit
        first.close();
        EventSink resumed = sink();
        resumed.open(run(), Optional.ofNullable(position));
        writeSteps(resumed, 2, 4);
        resumed.close();
        assertOutput(read(), expected(0, 4), !exactlyOnce());
    }

    @Test
    @DisplayName("a run resumed after every step writes what an unbroken run writes")
    void resumedAfterEveryStep() throws Exception {
        String position = null;
        for (int n = 0; n < 4; n++) {
            EventSink sink = sink();
            sink.open(run(), Optional.ofNullable(position));
            position = writeSteps(sink, n, n + 1);
            sink.close();
        }
        assertOutput(read(), expected(0, 4), false);
    }

    @Test
    @DisplayName("a step holding a value that is not JSON fails the write and leaves nothing of that step")
    void valueThatIsNotJson() throws Exception {
        if (!rejectsValuesThatAreNotJson()) {
            return;
        }
        EventSink sink = sink();
        sink.open(run(), Optional.empty());
        writeSteps(sink, 0, 1);
        List<LogEvent> bad = new ArrayList<>(logStep(1));
        LogEvent last = bad.get(bad.size() - 1);
        bad.set(bad.size() - 1, new LogEvent(last.userId(), last.deviceId(), last.timeMicros(), last.online(),
                last.type(), last.block(), Props.of("thread", new Object()), last.up(), last.dn()));
        assertThatThrownBy(() -> sink.write(bad, catalogStep(1)))
                .isInstanceOfAny(dev.synth.SinkException.class, IllegalArgumentException.class);
        writeSteps(sink, 1, 2);
        sink.close();
        assertOutput(read(), expected(0, 2), false);
    }
}
