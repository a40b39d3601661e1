package dev.synth.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.Simulation;
import dev.synth.event.EventJson;
import dev.synth.spi.InMemoryStateStore;
import dev.synth.spi.MemorySink;
import dev.synth.spi.RunKey;
import dev.synth.spi.RunSnapshot;
import dev.synth.spi.StateStore;
import dev.synth.spi.StepCommit;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The window the crash test rarely hits, made certain: the step's Kafka transaction commits, then the state's
 * commit fails (as if the process died between the two). The resumed run regenerates that step, and the sink must
 * find it already in the topic and not send it again.
 */
class KafkaResumeTest {
    private static final int USERS = 20;
    private static final long HOURS = 48;

    /** A store whose {@code failAt}-th commit fails, after the sinks have committed. */
    private static final class FailingStore implements StateStore {
        private final InMemoryStateStore delegate = new InMemoryStateStore();
        private int commits;
        private int failAt;

        @Override
        public Optional<RunSnapshot> load(RunKey run) {
            return delegate.load(run);
        }

        @Override
        public void commit(RunKey run, StepCommit step) {
            if (++commits == failAt) {
                throw new IllegalStateException("the process dies before the state's commit of step " + commits);
            }
            delegate.commit(run, step);
        }
    }

    @Test
    @DisplayName("a step whose transaction committed but whose state did not is found in the topic on resume and not sent again")
    void stepAheadOfTheState() {
        String topics = "resume-" + ProcessHandle.current().pid();
        FailingStore store = new FailingStore();
        store.failAt = 17;
        assertThatThrownBy(() -> run(store, topics)).hasMessageContaining("dies before the state's commit");
        store.failAt = 30; // the resumed run: its 13th step's state commit fails too
        assertThatThrownBy(() -> run(store, topics)).hasMessageContaining("dies before the state's commit");
        store.failAt = -1;
        run(store, topics);

        MemorySink reference = new MemorySink();
        Simulation.builder().config(KafkaCrashTest.config(USERS)).seed(KafkaCrashTest.SEED)
                .stateStore(new InMemoryStateStore()).addSink(reference).end(KafkaCrashTest.hour(HOURS)).build().run();
        List<String> topic = KafkaTestBroker.readCommitted(topics + "-log").stream().map(ConsumerRecord::value).sorted()
                .toList();
        assertThat(topic).as("every event exactly once").isEqualTo(reference.logEvents().stream().map(EventJson::log)
                .sorted().toList());
        assertThat(KafkaTestBroker.readCommitted(topics + "-steps")).as("one marker per step").hasSize((int) HOURS);
    }

    private static void run(StateStore store, String topics) {
        Simulation.builder().config(KafkaCrashTest.config(USERS)).seed(KafkaCrashTest.SEED).stateStore(store)
                .addSink(KafkaCrashTest.sink(KafkaTestBroker.bootstrapServers(), topics)).end(KafkaCrashTest.hour(HOURS))
                .build().run();
    }
}
