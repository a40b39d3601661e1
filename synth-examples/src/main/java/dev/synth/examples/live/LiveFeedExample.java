package dev.synth.examples.live;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.ProfileConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.spi.EventSink;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.Sleeper;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A live feed with an accelerated clock: {@code end_ts} is open ({@code null}), so after back-filling the last
 * day the simulation runs live, releasing events as simulated time reaches them - here 720 times faster than the
 * wall clock (an hour of users every 5 seconds). After a few seconds {@link Simulation#stop()} ends it at the end
 * of the current step.
 *
 * <p>Run it with {@code java -cp synth-examples/target/synth-examples.jar dev.synth.examples.live.LiveFeedExample
 * [seconds]}: it prints one line per event as it is released. The same with the command line: set
 * {@code end_ts: null} and use {@code run --speed-up 720}.
 */
public final class LiveFeedExample {
    private LiveFeedExample() {
    }

    /** How much faster than the wall clock simulated time runs. */
    public static final double SPEED_UP = 720;

    /**
     * Runs the example against the real clock.
     *
     * @param args optional number of wall-clock seconds to run (default 6)
     */
    public static void main(String[] args) {
        Duration runFor = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 6);
        SimulationResult result = run(Clock.systemUTC(), Sleeper.threadSleep(), runFor, System.out);
        System.out.println(result.summary());
    }

    /**
     * The configuration: 20 users from one day before the wall clock's current hour, with no end.
     *
     * @param now the wall clock's time
     * @return the configuration
     */
    public static SimulationConfig config(Instant now) {
        return SimulationConfig.builder()
                .global(g -> g.organisation("acme").project("live").seed(5).dbUri(Simulation.IN_MEMORY_URI)
                        .startTs(now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1)))
                        .endTs(null))
                .population(p -> p.initialCount(20).targetMinCount(20).targetMaxCount(20))
                .addProfile(ProfileConfig.builder("browser").occurrenceProbability(1.0).sessionCount(2, 6)
                        .sessionLengthSeconds(60, 600)
                        .eventProbability("page", 0.6).eventProbability("video", 0.2).eventProbability("search", 0.2)
                        .build())
                .build();
    }

    /**
     * Back-fills the last day, then runs live for {@code runFor} of wall-clock time, then stops.
     *
     * @param wall    the wall clock ({@link Clock#systemUTC()}, or a {@link HandClock} in tests)
     * @param sleeper how to wait for the wall clock ({@link Sleeper#threadSleep()}, or {@code handClock::advance})
     * @param runFor  wall-clock time to run live, after the back-fill
     * @param feed    where each released event is printed, one line each
     * @return what the run did
     */
    public static SimulationResult run(Clock wall, Sleeper sleeper, Duration runFor, PrintStream feed) {
        AtomicReference<Instant> stopAt = new AtomicReference<>();
        AtomicReference<Simulation> simulation = new AtomicReference<>();
        // The driver waits for the wall clock only once it has caught up with it, and it waits on the simulation
        // thread between steps: so the first wait marks the start of the live feed, and a stop requested right
        // after a wait takes effect at the next step boundary, whatever the output thread is doing.
        Sleeper liveFor = duration -> {
            stopAt.compareAndSet(null, wall.instant().plus(runFor));
            sleeper.sleep(duration);
            if (!wall.instant().isBefore(stopAt.get())) {
                simulation.get().stop(); // stop() may be called from any thread (a timer, a shutdown hook)
            }
        };
        simulation.set(Simulation.builder()
                .config(config(wall.instant()))
                .stateStore(new InMemoryStateStore())
                .addSink(new FeedSink(feed))
                .clock(wall)
                .sleeper(liveFor)
                .speedUp(SPEED_UP)
                .onlinePause(Duration.ofSeconds(1))
                .build());
        return simulation.get().run();
    }

    /** Prints each log event as it is released: time, user, type, action. */
    static final class FeedSink implements EventSink {
        private final PrintStream out;

        FeedSink(PrintStream out) {
            this.out = out;
        }

        @Override
        public String name() {
            return "feed";
        }

        @Override
        public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
            for (LogEvent e : logEvents) {
                out.println(e.timestamp() + " " + e.userId() + " " + e.type()
                        + (e.action() == null ? "" : " " + e.action()));
            }
            out.flush();
        }
    }
}
