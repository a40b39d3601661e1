package dev.synth.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.Simulation;
import dev.synth.SimulationResult;
import dev.synth.config.GlobalConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.MemorySink;
import dev.synth.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderTest {
    @TempDir
    Path dir;

    private SimulationConfig config(String dbUri) {
        SimulationConfig base = Runs.config(8, "provider").toBuilder().sourceFile(dir.resolve("project.yml")).build();
        return dbUri == null ? base : TestConfigs.withGlobal(base, g -> g.dbUri(dbUri));
    }

    private static SimulationResult run(SimulationConfig config, long hours) {
        return Simulation.builder().config(config).seed(Runs.SEED).addSink(new MemorySink()).end(Runs.hour(hours))
                .build().run();
    }

    @Test
    @DisplayName("a YAML configuration without db_uri keeps its state in synth.sqlite beside the file, and resumes from it")
    void yamlDefaultIsSqliteBesideTheConfiguration() throws java.io.IOException {
        Path file = dir.resolve("project.yml");
        Files.writeString(file, """
                global:
                  seed: 4
                  start_ts: "2020-01-01 00:00:00"
                  end_ts: "2020-01-03 00:00:00"
                users:
                  population: {initial_count: 5, target_min_count: 5, target_max_count: 5}
                  profiles:
                    reader: {occurrence_probability: 1.0, event_probabilities: {page: 1.0}}
                """);
        SimulationConfig config = SimulationConfig.fromYaml(file);
        assertThat(config.global().dbUri()).isEqualTo(GlobalConfig.DEFAULT_DB_URI);
        SimulationResult first = Simulation.builder().config(config).addSink(new MemorySink())
                .end(java.time.Instant.parse("2020-01-02T00:00:00Z")).build().run();
        assertThat(Files.exists(dir.resolve("synth.sqlite"))).isTrue();
        SimulationResult second = Simulation.builder().config(config).addSink(new MemorySink()).build().run();
        assertThat(first.resumed()).isFalse();
        assertThat(second.resumed()).isTrue();
        assertThat(second.simulatedFrom()).isEqualTo(java.time.Instant.parse("2020-01-02T00:00:00Z"));
    }

    @Test
    @DisplayName("a configuration built in Java without db_uri keeps its state in memory: no file appears, a second run writes the same events")
    void javaBuiltKeepsNoFile() throws java.io.IOException {
        SimulationConfig config = Runs.config(8, "provider");
        assertThat(config.global().dbUri()).isEqualTo(Simulation.IN_MEMORY_URI);
        boolean existedBefore = Files.exists(Path.of("synth.sqlite"));
        MemorySink a = new MemorySink();
        MemorySink b = new MemorySink();
        SimulationResult first = Simulation.builder().config(config).seed(Runs.SEED).addSink(a).end(Runs.hour(10))
                .build().run();
        SimulationResult second = Simulation.builder().config(config).seed(Runs.SEED).addSink(b).end(Runs.hour(10))
                .build().run();
        assertThat(first.resumed()).isFalse();
        assertThat(second.resumed()).isFalse();
        assertThat(a.logEvents()).isNotEmpty().isEqualTo(b.logEvents());
        if (!existedBefore) {
            assertThat(Path.of("synth.sqlite")).doesNotExist();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    @DisplayName("sqlite:///relative paths are resolved against the configuration's folder; :memory: keeps nothing")
    void relativeAndMemory() {
        run(config("sqlite:///state/run.sqlite"), 5);
        assertThat(Files.exists(dir.resolve("state").resolve("run.sqlite"))).isTrue();
        SimulationConfig memory = config(Simulation.IN_MEMORY_URI);
        run(memory, 5);
        assertThat(run(memory, 10).resumed()).isFalse();
    }
}
