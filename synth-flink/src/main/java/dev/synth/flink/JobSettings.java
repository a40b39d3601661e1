package dev.synth.flink;

import dev.synth.config.SimulationConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the shard function needs on every task: the configuration file (read by each task, so it must be
 * readable at the same path on every TaskManager, with the catalog files it names), the seed that overrides
 * {@code global.seed} (or null) and the failures to inject (tests).
 */
record JobSettings(String configFile, Long seed, FailurePlan failures) implements Serializable {
    JobSettings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(failures, "failures");
    }

    SimulationConfig loadConfig() {
        return SimulationConfig.fromYaml(Path.of(configFile));
    }
}
