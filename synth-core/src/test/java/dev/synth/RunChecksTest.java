package dev.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.config.ConfigProblem;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.spi.EventSink;
import dev.synth.spi.OutputFile;
import dev.synth.testing.LockedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole-run checks of output folders ({@link OutputFile#folder}) next to output files. */
class RunChecksTest {
    @TempDir
    Path dir;

    /** A sink that only reports outputs. */
    record Outputs(OutputFile... outputs) implements EventSink {
        @Override
        public String name() {
            return "outputs";
        }

        @Override
        public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
        }

        @Override
        public List<OutputFile> outputFiles() {
            return List.of(outputs);
        }
    }

    /** Like the Parquet sink: log/, catalog/ and _spool/ of {@code directory}. */
    static Outputs folders(String key, Path directory) {
        return new Outputs(OutputFile.folder(key, directory.resolve("log")),
                OutputFile.folder(key, directory.resolve("catalog")),
                OutputFile.folder(key, directory.resolve("_spool")));
    }

    private List<ConfigProblem> check(List<Path> database, EventSink... sinks) {
        SimulationConfig config = SimulationConfig.builder().sourceFile(dir.resolve("synth.yml")).build();
        return RunChecks.outputs(config, List.of(sinks), database);
    }

    private List<ConfigProblem> check(EventSink... sinks) {
        return check(List.of(), sinks);
    }

    @Test
    @DisplayName("OutputFile: the two-argument constructor is a file, folder(...) a folder")
    void outputFile() {
        assertThat(new OutputFile("k", Path.of("a")).folder()).isFalse();
        OutputFile folder = OutputFile.folder("k", Path.of("a/../b"));
        assertThat(folder.folder()).isTrue();
        assertThat(folder.path()).isEqualTo(Path.of("b").toAbsolutePath());
    }

    @Test
    @DisplayName("writable folders pass, existing or missing, and may share their parent with output files")
    void writable() throws IOException {
        Files.createDirectories(dir.resolve("out/log"));
        assertThat(check(folders("global.output_dir", dir.resolve("out")),
                new Outputs(new OutputFile("global.output_dir", dir.resolve("out/log_events.csv")),
                        new OutputFile("global.output_dir", dir.resolve("out/catalog_events.csv"))),
                folders("global.outputs.parquet.directory", dir.resolve("missing/deeper")))).isEmpty();
        // the state database and the configuration file next to the folders are fine too
        assertThat(check(List.of(dir.resolve("out/synth.sqlite")), folders("global.output_dir", dir),
                folders("other", dir.resolve("out")))).isEmpty();
    }

    @Test
    @DisplayName("a regular file where a folder should be, or above it, is one problem naming the key and path")
    void fileInTheWay() throws IOException {
        Path out = Files.writeString(dir.resolve("out"), "keep");
        List<ConfigProblem> problems = check(folders("global.outputs.parquet.directory", out));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("global.outputs.parquet.directory");
            assertThat(p.message()).contains(out.toString()).contains("must be a folder synth can create and"
                    + " write, but it cannot be created: " + out + " is a file, not a folder");
        });
        Files.createDirectory(dir.resolve("parquet"));
        Path log = Files.writeString(dir.resolve("parquet/log"), "keep");
        assertThat(check(folders("global.output_dir", dir.resolve("parquet")))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("global.output_dir was '" + log + "' but must be a"
                        + " folder synth can create and write, but it is a file, not a folder"));
        assertThat(out).hasContent("keep");
        assertThat(log).hasContent("keep");
    }

    @Test
    @DisplayName("a folder that cannot be created or written is a problem (skipped as root)")
    void notWritable() throws IOException {
        try (LockedFolder folder = LockedFolder.create(dir, "locked")) {
            Path locked = folder.path();
            assertThat(check(folders("global.output_dir", locked.resolve("out")))).singleElement()
                    .satisfies(p -> assertThat(p.message()).startsWith("global.output_dir was '" + locked
                            + "/out/log' but must be a folder synth can create and write, but it cannot be created:"
                            + " the folder " + locked + " is not writable ("));
        }
    }

    @Test
    @DisplayName("a file output inside a folder output is a problem naming both keys")
    void fileInsideFolder() {
        Path parquet = dir.resolve("out");
        Path csvLog = parquet.resolve("log/log_events.csv");
        List<ConfigProblem> problems = check(folders("global.outputs.parquet.directory", parquet),
                new Outputs(new OutputFile("global.log_events_filename", csvLog),
                        new OutputFile("global.catalog_events_filename", dir.resolve("catalog.csv"))));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(
                "global.log_events_filename was '" + csvLog + "' but must not be inside the folder"
                        + " global.outputs.parquet.directory names (" + parquet.resolve("log")
                        + "), which its sink writes into"));
        // in whichever order the sinks come
        assertThat(check(new Outputs(new OutputFile("global.log_events_filename", csvLog)),
                folders("global.outputs.parquet.directory", parquet))).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("global.log_events_filename"));
    }

    @Test
    @DisplayName("the state database or the configuration file inside a folder output is a problem")
    void databaseOrConfigInsideFolder() {
        Path parquet = dir.resolve("out");
        Path database = parquet.resolve("_spool/synth.sqlite");
        assertThat(check(List.of(database), folders("global.output_dir", parquet))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("global.output_dir was '"
                        + parquet.resolve("_spool") + "' but must not be or hold the state database of global.db_uri ("
                        + database + ")"));
        assertThat(check(folders("global.output_dir", dir.resolve("synth.yml/..")))).isEmpty();
        assertThat(check(new Outputs(OutputFile.folder("global.output_dir", dir)))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must not be or hold the configuration file ("
                        + dir.resolve("synth.yml") + ")"));
    }

    @Test
    @DisplayName("two outputs naming the same folder, a file naming a folder, and a file above a folder are problems")
    void sameFolder() {
        Path out = dir.resolve("out");
        assertThat(check(folders("parquet sink 'a' directory", out), folders("parquet sink 'b' directory",
                dir.resolve("./out")))).hasSize(3).allSatisfy(p -> assertThat(p.message())
                        .startsWith("parquet sink 'b' directory was '" + out + "/")
                        .endsWith("but must differ from parquet sink 'a' directory, which names the same folder"));
        assertThat(check(folders("global.outputs.parquet.directory", out),
                new Outputs(new OutputFile("global.catalog_events_filename", out.resolve("catalog")))))
                .singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("global.catalog_events_filename"
                        + " was '" + out.resolve("catalog") + "' but must differ from"
                        + " global.outputs.parquet.directory, which names the same folder"));
        assertThat(check(new Outputs(new OutputFile("global.log_events_filename", out)),
                folders("global.outputs.parquet.directory", out))).singleElement().satisfies(p -> assertThat(
                        p.message()).isEqualTo("global.log_events_filename was '" + out + "' but must not be a folder"
                                + " of the folder global.outputs.parquet.directory names (" + out.resolve("log") + ")"));
        // nested folder outputs: the inner one is inside the outer
        assertThat(check(folders("a", out), folders("b", out.resolve("log")))).hasSize(3)
                .allSatisfy(p -> assertThat(p.message()).startsWith("b was '" + out.resolve("log") + "/")
                        .contains("must not be inside the folder a names (" + out.resolve("log") + ")"));
    }

    @Test
    @DisplayName("the file rules are unchanged")
    void fileRules() {
        Path log = dir.resolve("log.csv");
        assertThat(check(new Outputs(new OutputFile("x", log), new OutputFile("y", dir.resolve("./log.csv")))))
                .singleElement().satisfies(p -> assertThat(p.message())
                        .isEqualTo("y was '" + log + "' but must differ from x, which names the same file"));
        assertThat(check(List.of(dir.resolve("s.sqlite")),
                new Outputs(new OutputFile("x", dir.resolve("s.sqlite-wal"))))).singleElement()
                .satisfies(p -> assertThat(p.rule()).startsWith("must not be the state database of global.db_uri"));
        assertThat(check(new Outputs(new OutputFile("x", dir.resolve("synth.yml"))))).singleElement()
                .satisfies(p -> assertThat(p.rule()).startsWith("must not be the configuration file: the run"));
        assertThat(check(new Outputs(new OutputFile("x", dir), new OutputFile("y", log)))).singleElement()
                .satisfies(p -> assertThat(p.rule()).isEqualTo("must not be a folder of the file y names (" + log
                        + ")"));
    }
}
