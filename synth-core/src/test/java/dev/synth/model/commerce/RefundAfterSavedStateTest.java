package dev.synth.model.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.config.SimulationConfig;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import dev.synth.spi.StateStore;
import dev.synth.spi.StepCommit;
import dev.synth.spi.UserRecord;
import dev.synth.testing.ExampleConfigs;
import dev.synth.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A user lets go of the state saved at its window start once the store holds it (memory), and reads it back
 * from the store when it is changed from outside during the window - a refund of a cancelled order. Resuming
 * from such records must give the unbroken run.
 */
class RefundAfterSavedStateTest {
    /** An in-memory store that counts the users read back one by one. */
    static final class Counting implements StateStore {
        final InMemoryStateStore delegate = new InMemoryStateStore();
        final AtomicInteger userReads = new AtomicInteger();

        @Override
        public Optional<RunSnapshot> load(RunKey run) {
            return delegate.load(run);
        }

        @Override
        public void commit(RunKey run, StepCommit step) {
            delegate.commit(run, step);
        }

        @Override
        public Optional<UserRecord> loadUser(RunKey run, String platformUuid) {
            userReads.incrementAndGet();
            return delegate.loadUser(run, platformUuid);
        }
    }

    @Test
    @DisplayName("shoppers refunded after their saved state was dropped, stopped every 5 hours, write the unbroken run")
    void refundsReadTheSavedStateBack() {
        SimulationConfig config = ExampleConfigs.shoppers(40, true);
        Instant end = TestConfigs.START.plus(Duration.ofDays(5));
        Counting whole = new Counting();
        MemorySink unbroken = TestConfigs.runUntil(config, end, whole);

        Counting store = new Counting();
        List<Object> logs = new ArrayList<>();
        List<Object> catalogs = new ArrayList<>();
        for (Instant stop = TestConfigs.START.plus(Duration.ofHours(5)); !stop.isAfter(end);
                stop = stop.plus(Duration.ofHours(5))) {
            MemorySink part = TestConfigs.runUntil(config, stop, store);
            logs.addAll(part.logEvents());
            catalogs.addAll(part.catalogEvents());
        }
        MemorySink last = TestConfigs.runUntil(config, end, store);
        logs.addAll(last.logEvents());
        catalogs.addAll(last.catalogEvents());

        assertThat(logs).isEqualTo(new ArrayList<>(unbroken.logEvents()));
        assertThat(store.userReads.get()).as("refunds read a dropped saved state back").isPositive();
        assertThat(catalogs).isEqualTo(new ArrayList<>(unbroken.catalogEvents()));
    }
}
