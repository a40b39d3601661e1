package dev.synth.engine;

import dev.synth.event.Micros;
import java.time.Clock;

/**
 * "Now" in simulated time: the wall clock, or - with a speed-up factor N for demos - a clock that runs N
 * times faster than the wall clock from the moment the run started. Read only in {@link Driver#run}; the
 * wall clock is the injected {@link Clock} (D3).
 */
final class Pacer {
    private final Clock wall;
    private final double speedUp;
    private final long wallAnchor;
    private final long simulatedAnchor;

    Pacer(Clock wall, double speedUp, long simulatedClock) {
        this.wall = wall;
        this.speedUp = speedUp;
        this.wallAnchor = Micros.of(wall.instant());
        this.simulatedAnchor = speedUp == 1.0 ? wallAnchor : Math.max(wallAnchor, simulatedClock);
    }

    long simulatedNow() {
        long elapsed = Micros.of(wall.instant()) - wallAnchor;
        return simulatedAnchor + (long) (elapsed * speedUp);
    }
}
