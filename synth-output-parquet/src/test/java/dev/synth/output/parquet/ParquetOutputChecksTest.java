package dev.synth.output.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.synth.ConfigException;
import dev.synth.Simulation;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.OutputFile;
import dev.synth.testing.LockedFolder;
import dev.synth.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet sink's folders are checked when the simulation is built, like the CSV sink's files. */
class ParquetOutputChecksTest {
    static final SimulationConfig CONFIG = TestConfigs.singleUser(TestConfigs.boringGuy().build());

    @TempDir
    Path dir;

    private static ConfigException refused(Simulation.Builder builder) {
        ConfigException e = catchThrowableOfType(ConfigException.class, builder::build);
        assertThat(e).as("build() must refuse the output").isNotNull();
        return e;
    }

    @Test
    @DisplayName("the sink reports log/, catalog/ and _spool/ as folders, keyed by what named the directory")
    void outputFiles() {
        Path out = dir.resolve("out");
        assertThat(ParquetEventSink.to(out, "pq").outputFiles()).containsExactly(
                OutputFile.folder("parquet sink 'pq' directory", out.resolve("log")),
                OutputFile.folder("parquet sink 'pq' directory", out.resolve("catalog")),
                OutputFile.folder("parquet sink 'pq' directory", out.resolve("_spool")));
        SimulationConfig configured = SimulationConfig.builder().global(g -> g
                .output("parquet", Map.of("directory", out.toString()))).build();
        assertThat(new ParquetSinkProvider().create(configured).outputFiles()).extracting(OutputFile::key)
                .containsOnly("global.outputs.parquet.directory");
        SimulationConfig shared = SimulationConfig.builder().global(g -> g.outputDir(out.toString())).build();
        assertThat(new ParquetSinkProvider().create(shared).outputFiles()).extracting(OutputFile::key)
                .containsOnly("global.output_dir");
    }

    @Test
    @DisplayName("a directory that is a regular file fails at build time, naming the key and the path")
    void directoryIsAFile() throws IOException {
        Path out = Files.writeString(dir.resolve("out"), "not a folder");
        ConfigException e = refused(Simulation.builder().config(CONFIG).addSink(ParquetEventSink.to(out)));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.path())
                .isEqualTo("parquet sink 'parquet' directory"));
        assertThat(e).hasMessageContaining("parquet sink 'parquet' directory was '" + out.resolve("log") + "'")
                .hasMessageContaining("must be a folder synth can create and write, but it cannot be created: " + out
                        + " is a file, not a folder");
        assertThat(out).hasContent("not a folder");
    }

    @Test
    @DisplayName("a regular file where the log/ folder goes fails at build time, and nothing is created")
    void logFolderIsAFile() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path log = Files.writeString(out.resolve("log"), "not a folder");
        ConfigException e = refused(Simulation.builder().config(CONFIG).addSink(ParquetEventSink.to(out, "pq")));
        assertThat(e).hasMessageContaining("parquet sink 'pq' directory was '" + log + "' but must be a folder synth"
                + " can create and write, but it is a file, not a folder");
        try (var left = Files.list(out)) {
            assertThat(left).containsExactly(log);
        }
    }

    @Test
    @DisplayName("an unwritable directory fails at build time (skipped as root, which writes anyway)")
    void unwritableDirectory() throws IOException {
        try (LockedFolder folder = LockedFolder.create(dir, "locked")) {
            Path locked = folder.path();
            ConfigException e = refused(Simulation.builder().config(CONFIG)
                    .addSink(ParquetEventSink.to(locked.resolve("out"))));
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                    .startsWith("parquet sink 'parquet' directory was '" + locked.resolve("out/log") + "'")
                    .contains("cannot be created: the folder " + locked + " is not writable"));
        }
    }

    @Test
    @DisplayName("a CSV file inside the Parquet directory's log/ folder fails at build time, naming both keys")
    void csvFileInsideTheLogFolder() {
        Path out = dir.resolve("out");
        SimulationConfig config = TestConfigs.withGlobal(CONFIG, g -> g.sinkTypes(List.of("csv", "parquet"))
                .logEventsFilename(out.resolve("log/log_events.csv").toString())
                .catalogEventsFilename(dir.resolve("catalog_events.csv").toString())
                .output("parquet", Map.of("directory", out.toString())));
        ConfigException e = refused(Simulation.builder().config(config));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(
                "global.log_events_filename was '" + out.resolve("log/log_events.csv") + "' but must not be inside"
                        + " the folder global.outputs.parquet.directory names (" + out.resolve("log")
                        + "), which its sink writes into"));
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName("CSV and Parquet sharing global.output_dir is fine: the Parquet sink owns only its folders there")
    void sharedOutputDir() {
        SimulationConfig config = TestConfigs.withGlobal(CONFIG, g -> g.sinkTypes(List.of("csv", "parquet"))
                .outputDir(dir.toString()));
        Simulation.builder().config(config).build();
        assertThat(dir).isEmptyDirectory();
    }
}
