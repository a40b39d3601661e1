package dev.synth.examples.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock moved by hand, for tests and demos that must not wait: pass it to
 * {@link dev.synth.Simulation.Builder#clock} and {@code clock::advance} to
 * {@link dev.synth.Simulation.Builder#sleeper}, and live mode runs instantly. Thread-safe.
 */
public final class HandClock extends Clock {
    private volatile Instant now;

    /**
     * A clock showing {@code start} until moved.
     *
     * @param start the initial time
     */
    public HandClock(Instant start) {
        this.now = start;
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far
     */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a HandClock is always UTC");
    }
}
