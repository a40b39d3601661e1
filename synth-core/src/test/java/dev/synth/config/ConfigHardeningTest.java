package dev.synth.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, the smaller items: odd files and odd values end in a clear error naming the file or the key. */
class ConfigHardeningTest {
    private static final String GOOD = """
            global:
              start_ts: "2020-01-01 00:00:00"
              end_ts: "2020-01-02 00:00:00"
            users:
              population:
                initial_count: 3
                volatility: 0.05
              profiles:
                only:
                  occurrence_probability: 1.0
                  event_probabilities:
                    page: 1.0
            """;

    @TempDir
    Path dir;

    @Test
    @DisplayName(".nan and .inf are refused naming the key")
    void nanAndInfinity() {
        for (String bad : new String[] {".nan", ".inf", "-.inf", ".NaN"}) {
            assertThatThrownBy(() -> SimulationConfig.fromYaml(GOOD.replace("volatility: 0.05", "volatility: " + bad),
                    "t.yml")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("users.population.volatility").hasMessageContaining("finite");
            assertThatThrownBy(() -> SimulationConfig.fromYaml(GOOD.replace("page: 1.0", "page: " + bad), "t.yml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("users.profiles.only.event_probabilities.page");
        }
    }

    @Test
    @DisplayName("24:00:00 and February 30 are refused as times, naming the key, not blamed on end_ts")
    void strictTimes() {
        assertThatThrownBy(() -> SimulationConfig.fromYaml(GOOD.replace("2020-01-01 00:00:00", "2020-01-01 24:00:00"),
                "t.yml")).hasMessageContaining("global.start_ts was '2020-01-01 24:00:00'");
        assertThatThrownBy(() -> SimulationConfig.fromYaml(GOOD.replace("2020-01-02 00:00:00", "2020-02-30 00:00:00"),
                "t.yml")).hasMessageContaining("global.end_ts was '2020-02-30 00:00:00'");
    }

    @Test
    @DisplayName("a binary file, a Latin-1 file, a directory and a huge file are refused naming the file")
    void oddFiles() throws IOException {
        Path binary = Files.write(dir.resolve("binary.yml"), new byte[] {'g', 0, 1, 2, (byte) 0xff});
        assertThatThrownBy(() -> SimulationConfig.fromYaml(binary)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("binary.yml").hasMessageContaining("not a text file");
        Path latin1 = Files.write(dir.resolve("latin1.yml"),
                GOOD.replace("only:", "caf\u00e9:").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SimulationConfig.fromYaml(latin1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("latin1.yml").hasMessageContaining("not UTF-8");
        Path folder = Files.createDirectory(dir.resolve("folder.yml"));
        assertThatThrownBy(() -> SimulationConfig.fromYaml(folder)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("folder.yml").hasMessageContaining("is a directory");
        Path huge = Files.writeString(dir.resolve("huge.yml"), GOOD + "# " + "x".repeat(5_000_000) + "\n");
        long start = System.nanoTime();
        assertThatThrownBy(() -> SimulationConfig.fromYaml(huge)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("huge.yml").hasMessageContaining("at most");
        org.assertj.core.api.Assertions.assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(1000);
    }
}
