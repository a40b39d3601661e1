package dev.synth.flink;

import dev.synth.config.SimulationConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the shard function needs on every task: the configuration file (read by each task, so it must be
 * readable at the same path on every TaskManager, with the catalog files it names), the seed that overrides
 * {@code global.seed} (or null), the failures to inject (tests) and what the sinks need encoded: CSV rows for
 * the part files ({@code rows}) and JSON values for Kafka ({@code values}).
 */
record JobSettings(String configFile, Long seed, FailurePlan failures, boolean rows, boolean values)
        implements Serializable {
    JobSettings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(failures, "failures");
    }

    /** An encoder of what the sinks need; fake log events out of the CSV rows when {@code config} says so. */
    EventEncoder encoder(SimulationConfig config) {
        return new EventEncoder(rows, values, config.global().filterLogEventsForCsv());
    }

    SimulationConfig loadConfig() {
        return SimulationConfig.fromYaml(Path.of(configFile));
    }
}
