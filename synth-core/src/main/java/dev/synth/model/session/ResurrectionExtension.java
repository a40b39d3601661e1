package dev.synth.model.session;

import dev.synth.config.SimulationConfig;
import dev.synth.engine.DriverExtension;
import dev.synth.engine.NamedExtensionProvider;
import dev.synth.engine.StepContext;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import dev.synth.spi.UserRecord;
import dev.synth.user.StateUpdate;
import dev.synth.user.UserRuntime;
import java.util.Optional;

/**
 * Random resurrection (reference 3.2.10, D9): at the start of each step, with {@code
 * users.population.resurrection_probability}, one uniformly chosen churned user gets its session engagement
 * raised by 1.0 (a {@link SessionEngagementUser#ENGAGEMENT_ADJUSTMENT} update) and, if that makes it active,
 * starts a new schedule at the step's end - it never back-fills the time it was away.
 */
public final class ResurrectionExtension implements DriverExtension {
    /** The extension's name. */
    public static final String NAME = "resurrection";

    private static final long RESURRECTION_STREAM = RandomStreams.key("resurrection");

    private final SimulationConfig config;

    public ResurrectionExtension(SimulationConfig config) {
        this.config = config;
    }

    /** The built-in provider, found by {@link java.util.ServiceLoader}. */
    public static final class Provider extends NamedExtensionProvider {
        public Provider() {
            super(NAME, env -> new ResurrectionExtension(env.config()));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Works only at the start of a step. */
    @Override
    public boolean watchesUsers() {
        return false;
    }

    @Override
    public void startOfStep(StepContext step) {
        double p = config.population().resurrectionProbability();
        if (step.inactiveCount() == 0 || p <= 0) {
            return;
        }
        long stepEnd = step.stepEndMicros();
        SimRandom random = step.streams().stream(RESURRECTION_STREAM, stepEnd);
        if (!random.chance(p)) {
            return;
        }
        int index = random.index(step.inactiveCount());
        UserRecord record = step.inactiveUsers().get(index);
        Optional<UserRuntime> revived = step.loadInactive(record);
        if (revived.isEmpty()) {
            return;
        }
        UserRuntime runtime = revived.get();
        runtime.resurrect(stepEnd, new StateUpdate(SessionEngagementUser.ENGAGEMENT_ADJUSTMENT, 1.0));
        if (runtime.isActive()) {
            step.revive(runtime);
        }
    }
}
