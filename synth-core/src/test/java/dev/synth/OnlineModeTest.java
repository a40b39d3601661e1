package dev.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.spi.EventSink;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.spi.SimulationListener;
import dev.synth.testing.MutableClock;
import dev.synth.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Live mode against a hand-moved wall clock (issue 5; reference 1.5; D8, D29). */
class OnlineModeTest {
    private static final SimulationConfig FOREVER = TestConfigs.withGlobal(
            TestConfigs.population(TestConfigs.boringGuy().sessionCount(1, 4).build(), 5, 5, 5, 0),
            g -> g.endTs(null));

    /** Records every event and checks none is later than the wall clock when it is written. */
    static final class WallCheckingSink implements EventSink {
        final MutableClock wall;
        final List<LogEvent> logs = new ArrayList<>();
        final List<Instant> stepEnds = new ArrayList<>();

        WallCheckingSink(MutableClock wall) {
            this.wall = wall;
        }

        @Override
        public String name() {
            return "check";
        }

        @Override
        public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
            Instant now = wall.instant();
            for (LogEvent e : logEvents) {
                assertThat(e.timestamp()).isBefore(now);
            }
            logs.addAll(logEvents);
        }
    }

    private static List<Instant> runLive(MutableClock wall, InMemoryStateStore store, WallCheckingSink sink,
            Instant stopAt) {
        AtomicReference<Simulation> self = new AtomicReference<>();
        List<Instant> clocks = new ArrayList<>();
        Simulation sim = Simulation.builder().config(FOREVER).stateStore(store).addSink(sink).clock(wall)
                .sleeper(wall::advance).onlinePause(Duration.ofMinutes(5))
                .addListener(new SimulationListener() {
                    @Override
                    public void stepFinished(StepSummary step) {
                        clocks.add(step.clock());
                        if (!wall.instant().isBefore(stopAt)) {
                            self.get().stop();
                        }
                    }
                }).build();
        self.set(sim);
        sim.run();
        return clocks;
    }

    @Test
    @DisplayName("catches up in hour steps, goes live without passing the clock, stops cleanly, resumes without gaps")
    void catchUpLiveStopResume() {
        Instant wallStart = TestConfigs.START.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(30));
        MutableClock wall = new MutableClock(wallStart);
        InMemoryStateStore store = new InMemoryStateStore();
        WallCheckingSink sink = new WallCheckingSink(wall);

        List<Instant> first = runLive(wall, store, sink, wallStart.plus(Duration.ofHours(2)));
        // 72 catch-up steps of one hour, then live steps of five minutes up to the wall clock
        assertThat(first.subList(0, 72)).allSatisfy(c -> assertThat(c.getEpochSecond() % 3600).isZero());
        assertThat(first.get(71)).isEqualTo(TestConfigs.START.plus(Duration.ofDays(3)));
        List<Instant> live = first.subList(72, first.size());
        assertThat(live).isNotEmpty();
        for (int i = 1; i < live.size(); i++) {
            assertThat(Duration.between(live.get(i - 1), live.get(i))).isLessThanOrEqualTo(Duration.ofMinutes(5));
        }
        Instant stoppedAt = first.get(first.size() - 1);
        assertThat(stoppedAt).isBeforeOrEqualTo(wall.instant());

        wall.advance(Duration.ofHours(3)); // the process was down for three hours
        List<Instant> second = runLive(wall, store, sink, wall.instant().plus(Duration.ofHours(1)));
        assertThat(second.get(0)).isEqualTo(stoppedAt.plus(Duration.ofHours(1)));
        Instant end = second.get(second.size() - 1);

        MemorySink batch = new MemorySink();
        Simulation.builder().config(FOREVER).addSink(batch).end(end).build().run();
        assertThat(sink.logs).isEqualTo(batch.logEvents());
    }
}
