package dev.synth.output.kafka;

import dev.synth.Simulation;
import dev.synth.persistence.jooq.JooqStateStore;
import dev.synth.testing.PauseAfterEachStep;
import java.nio.file.Path;

/**
 * The child process of {@link KafkaCrashTest}: runs the crash workload with a SQLite store and the Kafka sink
 * until its end, or until it is killed. Arguments: database file, bootstrap servers, topic prefix, users, end
 * hour, pause after each step in milliseconds.
 */
public final class KafkaCrashChild {
    private KafkaCrashChild() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        String servers = args[1];
        String topics = args[2];
        int users = Integer.parseInt(args[3]);
        long endHour = Long.parseLong(args[4]);
        long pauseMillis = Long.parseLong(args[5]);
        try (JooqStateStore store = JooqStateStore.sqlite(db)) {
            Simulation.builder().config(KafkaCrashTest.config(users)).seed(KafkaCrashTest.SEED).stateStore(store)
                    .addSink(KafkaCrashTest.sink(servers, topics)).addListener(new PauseAfterEachStep(pauseMillis))
                    .end(KafkaCrashTest.hour(endHour)).build().run();
        }
        System.out.println("CHILD DONE");
    }
}
