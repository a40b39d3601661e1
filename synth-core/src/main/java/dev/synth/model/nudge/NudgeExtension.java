package dev.synth.model.nudge;

import dev.synth.config.SimulationConfig;
import dev.synth.engine.DriverExtension;
import dev.synth.engine.DriverExtensionProvider;
import dev.synth.engine.NamedExtensionProvider;
import dev.synth.engine.StepContext;
import dev.synth.event.Block;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.random.RandomStreams;
import dev.synth.random.SimRandom;
import dev.synth.spi.UserRecord;
import dev.synth.user.UserMessage;
import dev.synth.user.UserRuntime;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Nudges (reference 3.2.9, 3.2.10, 7.3), all in one driver extension; on only with {@code global.use_nudges}.
 * <ul>
 *   <li><b>Checks</b>: users that can receive nudges ({@link NudgeReceiver}) signal a {@link NudgeCheck} at
 *       times drawn like session starts. Near real time, a check asks the backend for new nudges; every one
 *       gets a {@code nudge_response} event at the check's time, and if there were any, the rest of the user's
 *       schedule is generated again from that time (an opened nudge changes engagement and bonus sessions start
 *       at once).</li>
 *   <li><b>Resurrection</b>, at the start of a step within an hour of now: a share of the churned users -
 *       {@code inactive_nudge_check_ratio_per_hour} times the hours since the last step, at least one - is
 *       asked, without repetition (fix of 10.1#32), for nudges queued since it was last seen; a user that opens
 *       one comes back.</li>
 * </ul>
 * The backend is the reference's HTTP API at {@code global.api_url} by default; a host passes its own with
 * {@code Simulation.builder().addExtension(NudgeExtension.using(client))}.
 */
public final class NudgeExtension implements DriverExtension {
    /** The extension's name. */
    public static final String NAME = "nudges";

    private static final long NUDGE_STREAM = RandomStreams.key("nudge");
    private static final long NUDGE_RESURRECTION_STREAM = RandomStreams.key("nudge-resurrection");

    private final SimulationConfig config;
    /** Null when nudges are off. */
    private final NudgeService nudges;

    private NudgeExtension(SimulationConfig config, NudgeService nudges) {
        this.config = config;
        this.nudges = nudges;
    }

    /** Nudges from {@code client} instead of the reference's HTTP API (used only with {@code use_nudges}). */
    public static DriverExtensionProvider using(NudgeClient client) {
        Objects.requireNonNull(client, "client");
        return DriverExtensionProvider.of(NAME, env -> create(env.config(), client, env.wallClock()));
    }

    static NudgeExtension create(SimulationConfig config, NudgeClient client, Clock wall) {
        return new NudgeExtension(config, config.global().useNudges() ? new NudgeService(client, wall) : null);
    }

    /** The built-in provider, found by {@link java.util.ServiceLoader}: the reference's HTTP nudge API. */
    public static final class Provider extends NamedExtensionProvider {
        public Provider() {
            super(NAME, env -> {
                var global = env.config().global();
                return global.useNudges() ? NudgeExtension.create(env.config(),
                        HttpNudgeClient.of(global.apiUrl(), global.apiKey(), env.sleeper()), env.wallClock())
                        : new NudgeExtension(env.config(), null);
            });
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Answers the users' nudge checks, when nudges are on. */
    @Override
    public boolean watchesUsers() {
        return nudges != null;
    }

    /** A run that will reach the wall clock asks the backend: check it can be reached now, not minutes later. */
    @Override
    public void runStarting(long clockMicros, long endMicros) {
        if (nudges != null && clockMicros < endMicros && nudges.isRecent(endMicros)) {
            nudges.checkReachable();
        }
    }

    // ---------------------------------------------------------------------------------------------- checks

    @Override
    public void onMessage(UserMessage message, StepContext step) {
        if (message.message() != NudgeCheck.INSTANCE || message.userLeft() || nudges == null) {
            return;
        }
        UserRuntime runtime = message.user();
        long at = message.timeMicros();
        if (!(runtime.user() instanceof NudgeReceiver receiver) || !nudges.isRecent(at)) {
            return;
        }
        List<Nudge> received = nudges.newNudges(runtime.user().identity().platformUuid(), at,
                receiver.lastNudgeMicros());
        if (received.isEmpty()) {
            return;
        }
        respond(runtime, receiver, received, at, step.streams(), message::release);
        message.regenerateSchedule();
    }

    /** The user answers every nudge at {@code at}; the {@code nudge_response} events go to {@code out}. */
    private static void respond(UserRuntime runtime, NudgeReceiver receiver, List<Nudge> received, long at,
            RandomStreams streams, Consumer<LogEvent> out) {
        SimRandom random = streams.stream(NUDGE_STREAM, runtime.ordinal(), at);
        var identity = runtime.user().identity();
        for (Nudge nudge : received) {
            NudgeReceiver.Response response = receiver.receive(nudge, at, random);
            int up = 1000 + random.nextInt(99_000);
            int dn = 1000 + random.nextInt(99_000);
            out.accept(new LogEvent(identity.platformUuid(), identity.deviceId(), at, response.online(),
                    "nudge_response", Block.CORE, response.props(), up, dn));
        }
    }

    // ---------------------------------------------------------------------------------------- resurrection

    @Override
    public void startOfStep(StepContext step) {
        double ratio = config.population().inactiveNudgeCheckRatioPerHour();
        long stepEnd = step.stepEndMicros();
        if (nudges == null || ratio <= 0 || step.inactiveCount() == 0 || !nudges.isNearNow(stepEnd)) {
            return;
        }
        List<UserRecord> candidates = step.inactiveUsers();
        double hours = (stepEnd - step.stepStartMicros()) / (double) Micros.PER_HOUR;
        int k = (int) Math.min(candidates.size(), Math.max(1, Math.rint(ratio * hours * candidates.size())));
        step.streams().stream(NUDGE_RESURRECTION_STREAM, stepEnd).shuffle(candidates);
        for (UserRecord record : candidates.subList(0, k)) {
            List<Nudge> found = nudges.nudgesSince(record.platformUuid(), record.lastSeenMicros());
            Optional<UserRuntime> loaded = found.isEmpty() ? Optional.empty() : step.loadInactive(record);
            if (loaded.isEmpty()) {
                continue;
            }
            UserRuntime runtime = loaded.get();
            if (runtime.user() instanceof NudgeReceiver receiver) {
                respond(runtime, receiver, found, stepEnd, step.streams(), e -> step.scheduleFor(runtime, e));
                runtime.comeBackIfActive(stepEnd);
            }
            if (runtime.isActive()) {
                step.revive(runtime);
            } else {
                step.keepInactive(runtime);
            }
        }
    }
}
