package dev.synth.flink;

import java.util.Objects;

/**
 * "Advance shard {@code shard} to simulated time {@code timeMicros}": the job's input. Ticks are idempotent and
 * order-insensitive: a tick at or before the shard's clock does nothing, and a later one covers every earlier
 * one, so parallel source subtasks may deliver them in any order and more than once. A Flink POJO (public
 * fields, no-argument constructor) so that it is serialized without Kryo.
 */
public final class Tick {
    /** The shard to advance, in [0, {@code global.shards}). */
    public int shard;
    /** Simulated time to advance to, epoch microseconds UTC. */
    public long timeMicros;

    /** For Flink's serializer. */
    public Tick() {
    }

    public Tick(int shard, long timeMicros) {
        this.shard = shard;
        this.timeMicros = timeMicros;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tick t && t.shard == shard && t.timeMicros == timeMicros;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shard, timeMicros);
    }

    @Override
    public String toString() {
        return "Tick[shard " + shard + " to " + timeMicros + "]";
    }
}
