package dev.synth.flink;

import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The job's sources of {@link Tick}s, both {@link DataGeneratorSource}s (parallel, checkpointed: a restored job
 * goes on with the ticks it had not emitted). Tick {@code i} is for shard {@code i mod S}.
 */
final class TickSources {
    private TickSources() {
    }

    /**
     * Back-fill: every shard advanced from {@code startMicros} to {@code endMicros} in ticks of {@code tick}
     * (the last one ends at {@code endMicros}); a bounded source. {@code ticksPerSecond > 0} paces it (tests
     * that stop a running job), else it runs as fast as the shards take them.
     */
    static DataGeneratorSource<Tick> backfill(int shards, long startMicros, long endMicros, Duration tick,
            double ticksPerSecond) {
        long step = tick.toNanos() / 1000;
        long perShard = Math.max(1, (endMicros - startMicros + step - 1) / step);
        RateLimiterStrategy<?> rate = ticksPerSecond > 0 ? RateLimiterStrategy.perSecond(ticksPerSecond)
                : RateLimiterStrategy.noOp();
        return new DataGeneratorSource<>(new Backfill(shards, startMicros, endMicros, step), perShard * shards, rate,
                TypeInformation.of(Tick.class));
    }

    /**
     * Live: every {@code pause}, each shard is advanced to the wall clock (whole seconds), never past {@code
     * endMicros}; unbounded (runs until cancelled or stopped with a savepoint). The first tick back-fills what lies
     * between the run's clock and now.
     */
    static DataGeneratorSource<Tick> live(int shards, long endMicros, Duration pause) {
        double perSecond = shards * 1000.0 / Math.max(1, pause.toMillis());
        return new DataGeneratorSource<>(new Live(shards, endMicros), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(perSecond), TypeInformation.of(Tick.class));
    }

    /** Tick {@code i}: shard {@code i mod S} to {@code start + (i div S + 1) * step}, at most {@code end}. */
    static final class Backfill implements GeneratorFunction<Long, Tick> {
        private static final long serialVersionUID = 1L;
        private final int shards;
        private final long start;
        private final long end;
        private final long step;

        Backfill(int shards, long start, long end, long step) {
            this.shards = shards;
            this.start = start;
            this.end = end;
            this.step = step;
        }

        @Override
        public Tick map(Long i) {
            long n = i / shards + 1;
            return new Tick((int) (i % shards), Math.min(end, start + n * step));
        }
    }

    /** Tick {@code i}: shard {@code i mod S} to the wall clock's whole second, at most {@code end}. */
    static final class Live implements GeneratorFunction<Long, Tick> {
        private static final long serialVersionUID = 1L;
        private final int shards;
        private final long end;

        Live(int shards, long end) {
            this.shards = shards;
            this.end = end;
        }

        @Override
        public Tick map(Long i) {
            long now = Clock.systemUTC().millis() / 1000 * 1_000_000L;
            return new Tick((int) (i % shards), Math.min(end, now));
        }
    }
}
