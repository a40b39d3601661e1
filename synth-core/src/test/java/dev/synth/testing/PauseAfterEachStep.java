package dev.synth.testing;

import dev.synth.spi.SimulationListener;

/**
 * Sleeps after every committed step: stretches a short run so that a crash test's kills land all along it.
 */
public final class PauseAfterEachStep implements SimulationListener {
    private final long millis;

    public PauseAfterEachStep(long millis) {
        this.millis = millis;
    }

    @Override
    public void stepFinished(StepSummary step) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
