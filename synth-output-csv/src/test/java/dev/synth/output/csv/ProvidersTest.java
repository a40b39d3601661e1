package dev.synth.output.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.ConfigException;
import dev.synth.config.SimulationConfig;
import dev.synth.test.ReadmeSinkKeys;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the README documents exactly the keys the csv and jsonl providers read")
    void readmeKeys() throws Exception {
        assertThat(ReadmeSinkKeys.of(Path.of("..", "README.md"), "csv")).isEqualTo(CsvSinkProvider.KEYS);
        assertThat(ReadmeSinkKeys.of(Path.of("..", "README.md"), "jsonl")).isEqualTo(JsonLinesSinkProvider.KEYS);
    }

    @Test
    @DisplayName("global.output_dir puts csv and jsonl files there, compressed as outputs.<type>.compression says")
    void outputDir() {
        SimulationConfig c = SimulationConfig.builder().global(g -> g.outputDir(dir.toString())
                .output("csv", Map.of("compression", "gzip")).output("jsonl", Map.of("compression", "zstd"))).build();
        CsvEventSink csv = (CsvEventSink) new CsvSinkProvider().create(c);
        JsonLinesEventSink jsonl = (JsonLinesEventSink) new JsonLinesSinkProvider().create(c);
        assertThat(csv.logFile()).isEqualTo(dir.resolve("log_events.csv.gz"));
        assertThat(csv.logCompression()).isEqualTo(Compression.GZIP);
        assertThat(jsonl.logFile()).contains(dir.resolve("log_events.jsonl.zst"));
        assertThat(jsonl.compression()).isEqualTo(Compression.ZSTD);
    }

    @Test
    @DisplayName("a bad setting is a configuration error naming its key: unknown key, unknown compression")
    void badSettings() {
        SimulationConfig c = SimulationConfig.builder().global(g -> g.outputDir(dir.toString())
                .output("jsonl", Map.of("compresion", "gzip")).output("csv", Map.of("compression", "lz4"))).build();
        assertThatThrownBy(() -> new JsonLinesSinkProvider().create(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("global.outputs.jsonl.compresion").hasMessageContaining("compression");
        assertThatThrownBy(() -> new CsvSinkProvider().create(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("global.outputs.csv.compression").hasMessageContaining("lz4");
    }
}
