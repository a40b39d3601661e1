package dev.synth.persistence.jooq;

import dev.synth.Simulation;
import dev.synth.output.csv.Compression;
import dev.synth.output.csv.CsvEventSink;
import dev.synth.output.csv.JsonLinesEventSink;
import dev.synth.spi.SimulationListener;
import java.nio.file.Path;

/**
 * The child process of {@link CrashTest}: runs the crash workload with a SQLite store until its end, or until it
 * is killed. Arguments: database file, output directory, users, end hour,
 * pause after each step in milliseconds.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int users = Integer.parseInt(args[2]);
        long endHour = Long.parseLong(args[3]);
        long pauseMillis = Long.parseLong(args[4]);
        try (JooqStateStore store = JooqStateStore.sqlite(db)) {
            // a pause after each committed step stretches the run, so that kills land all along it
            SimulationListener slow = new SimulationListener() {
                @Override
                public void stepFinished(StepSummary step) {
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            Simulation.builder().config(Runs.config(users, "crash")).seed(Runs.SEED).stateStore(store)
                    .addSink(CsvEventSink.to(out))
                    // the compressed sinks of the same run: one gzip member / zstd frame per committed step
                    .addSink(CsvEventSink.builder().name("csv-gz").directory(out.resolve("gz"))
                            .compression(Compression.GZIP).build())
                    .addSink(JsonLinesEventSink.builder().name("jsonl-zst").directory(out.resolve("zst"))
                            .compression(Compression.ZSTD).build())
                    .addSink(dev.synth.output.parquet.ParquetEventSink.to(out.resolve("parquet")))
                    .addListener(slow).end(Runs.hour(endHour)).build().run();
        }
        System.out.println("CHILD DONE");
    }
}
