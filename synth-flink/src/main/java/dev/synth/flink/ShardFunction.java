package dev.synth.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synth.Simulation;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.spi.MemorySink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Holds one shard's simulation in Flink keyed state (keyed by shard, see {@link SynthJob.ByShard}) and advances it on each {@link Tick}:
 * the shard's {@link dev.synth.spi.RunSnapshot} is read from keyed state, the core simulates the shard up to
 * the tick's time ({@code Simulation.builder().shard(k).end(t)}, in the engine's 1-hour steps), the steps'
 * events are emitted in release order, and the new snapshot is written back. A tick at or before the shard's
 * clock emits nothing, so ticks are idempotent and may come in any order; since any split of a shard's run into
 * advances yields the same events (D8), the output does not depend on how ticks are cut or delivered.
 *
 * <p>Keyed state is checkpointed with the sinks' transactions: after a failure, Flink restores the state and the
 * source position of the last completed checkpoint, and the shard simulates the lost ticks again, producing the
 * same events, while the sinks drop what they had not committed.
 */
final class ShardFunction extends KeyedProcessFunction<Integer, Tick, EncodedEvent> {
    private static final long serialVersionUID = 1L;
    /** The accumulator counting emitted log events. */
    static final String LOG_EVENTS = "log-events";

    private final JobSettings settings;
    private transient SimulationConfig config;
    private transient ObjectMapper mapper;
    private transient EventEncoder encoder;
    private transient ValueState<byte[]> state;
    private transient org.apache.flink.api.common.accumulators.LongCounter logEvents;

    ShardFunction(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        config = settings.loadConfig();
        mapper = new ObjectMapper();
        encoder = settings.encoder(config);
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("shard-snapshot", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        logEvents = getRuntimeContext().getLongCounter(LOG_EVENTS);
    }

    @Override
    public void processElement(Tick tick, Context context, Collector<EncodedEvent> out) throws Exception {
        if (tick.timeMicros <= Micros.of(config.global().startTs())) {
            return; // live ticks before the run starts
        }
        ShardStore store = ShardStore.of(state.value(), mapper);
        Optional<Long> clock = store.clockMicros();
        if (clock.isPresent() && clock.get() >= tick.timeMicros) {
            return;
        }
        Instant end = Micros.toInstant(tick.timeMicros);
        MemorySink sink = new MemorySink();
        Simulation.Builder builder = Simulation.builder().config(config).shard(tick.shard).threads(1)
                .stateStore(store).addSink(sink).end(end).clock(Clock.fixed(end, ZoneOffset.UTC));
        if (settings.seed() != null) {
            builder.seed(settings.seed());
        }
        builder.build().run();
        for (LogEvent e : sink.logEvents()) {
            EncodedEvent encoded = encoder.log(e); // null: a fake event, filtered from the CSV rows, and no Kafka
            if (encoded != null) {
                out.collect(encoded);
                logEvents.add(1);
            }
        }
        for (CatalogEvent e : sink.catalogEvents()) {
            out.collect(encoder.catalog(e));
        }
        state.update(store.toBytes());
        settings.failures().maybeFail(tick, getRuntimeContext().getTaskInfo().getAttemptNumber());
    }
}
