/**
 * Nudges (reference 3.2.9, 3.2.10, 7.3), all in {@link dev.synth.model.nudge.NudgeExtension}: checks of the
 * backend near real time, responses, and churned users who come back after opening one. Users that can receive
 * nudges implement {@link dev.synth.model.nudge.NudgeReceiver}.
 */
package dev.synth.model.nudge;
