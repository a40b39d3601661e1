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
    @DisplayName("by default a simulation keeps its state in synth.sqlite beside its configuration, and resumes from it")
    void defaultIsSqliteBesideTheConfiguration() {
        SimulationConfig config = config(null);
        assertThat(config.global().dbUri()).isEqualTo(GlobalConfig.DEFAULT_DB_URI);
        SimulationResult first = run(config, 10);
        assertThat(Files.exists(dir.resolve("synth.sqlite"))).isTrue();
        SimulationResult second = run(config, 20);
        assertThat(first.resumed()).isFalse();
        assertThat(second.resumed()).isTrue();
        assertThat(second.simulatedFrom()).isEqualTo(Runs.hour(10));
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
