package dev.synth.output.parquet;

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

class ParquetProviderTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the README documents exactly the keys the parquet provider reads")
    void readmeKeys() throws Exception {
        assertThat(ReadmeSinkKeys.of(Path.of("..", "README.md"), "parquet")).isEqualTo(ParquetSinkProvider.KEYS);
    }

    @Test
    @DisplayName("global.output_dir wins over outputs.parquet.directory; without either the sink is refused")
    void directory() {
        SimulationConfig both = SimulationConfig.builder().global(g -> g.outputDir(dir.resolve("a").toString())
                .output("parquet", Map.of("directory", dir.resolve("b").toString()))).build();
        assertThat(((ParquetEventSink) new ParquetSinkProvider().create(both)).directory()).isEqualTo(dir.resolve("a"));
        SimulationConfig own = SimulationConfig.builder().global(g -> g
                .output("parquet", Map.of("directory", dir.resolve("b").toString()))).build();
        assertThat(((ParquetEventSink) new ParquetSinkProvider().create(own)).directory()).isEqualTo(dir.resolve("b"));
        SimulationConfig none = SimulationConfig.builder().build();
        assertThatThrownBy(() -> new ParquetSinkProvider().create(none)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("global.outputs.parquet.directory");
    }
}
