package dev.synth.spi;

import java.time.Duration;

/**
 * How a live (online) simulation waits for the wall clock. The default sleeps the thread; tests pass one
 * that moves a hand-driven {@link java.time.Clock} instead.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits about {@code duration}; may return early when interrupted by a stop request. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper threadSleep() {
        return d -> Thread.sleep(Math.max(0, d.toMillis()));
    }
}
