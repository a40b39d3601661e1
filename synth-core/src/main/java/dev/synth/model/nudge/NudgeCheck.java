package dev.synth.model.nudge;

/**
 * A scheduled moment at which a user looks for nudges (reference 3.2.9). Handled by the engine when
 * simulated time reaches it; never written to outputs.
 */
public enum NudgeCheck {
    INSTANCE
}
