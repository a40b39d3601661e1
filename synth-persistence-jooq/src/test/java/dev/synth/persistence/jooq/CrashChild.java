package dev.synth.persistence.jooq;

import dev.synth.Simulation;
import dev.synth.output.csv.Compression;
import dev.synth.output.csv.CsvEventSink;
import dev.synth.output.csv.JsonLinesEventSink;
import dev.synth.testing.PauseAfterEachStep;
import java.nio.file.Path;

/**
 * The child process of {@link CrashTest}: runs the crash workload until its end, or until it is killed.
 * Arguments: database ({@code db_uri} form, e.g. {@code sqlite:////tmp/x/state.sqlite}), output directory,
 * users, end hour, pause after each step in milliseconds, shards, threads.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) {
        String db = args[0];
        Path out = Path.of(args[1]);
        int users = Integer.parseInt(args[2]);
        long endHour = Long.parseLong(args[3]);
        long pauseMillis = Long.parseLong(args[4]);
        int shards = Integer.parseInt(args[5]);
        int threads = Integer.parseInt(args[6]);
        try (JooqStateStore store = JooqStateStore.open(db)) {
            Simulation.builder().config(Runs.config(users, "crash", shards)).seed(Runs.SEED).stateStore(store)
                    .addSink(CsvEventSink.to(out))
                    // the compressed sinks of the same run: one gzip member / zstd frame per committed step
                    .addSink(CsvEventSink.builder().name("csv-gz").directory(out.resolve("gz"))
                            .compression(Compression.GZIP).build())
                    .addSink(JsonLinesEventSink.builder().name("jsonl-zst").directory(out.resolve("zst"))
                            .compression(Compression.ZSTD).build())
                    .addSink(dev.synth.output.parquet.ParquetEventSink.to(out.resolve("parquet")))
                    // a pause after each committed step stretches the run, so that kills land all along it
                    .addListener(new PauseAfterEachStep(pauseMillis))
                    .end(Runs.hour(endHour)).threads(threads).build().run();
        }
        System.out.println("CHILD DONE");
    }
}
