package dev.synth.output.csv;

import dev.synth.ConfigException;
import dev.synth.config.ConfigProblem;
import dev.synth.config.GlobalConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code csv} entry of {@code global.sink_types}: writes {@code global.log_events_filename} and
 * {@code global.catalog_events_filename} (both required; relative names are resolved against the
 * configuration file's folder), honouring {@code global.filter_log_events_for_csv} (D26).
 *
 * <p>Checks the files can be created before the run starts, so a bad path is a configuration error that
 * names the key and leaves nothing behind.
 */
public final class CsvSinkProvider implements EventSinkProvider {
    @Override
    public String type() {
        return "csv";
    }

    @Override
    public EventSink create(SimulationConfig config) {
        GlobalConfig global = config.global();
        List<ConfigProblem> problems = new ArrayList<>();
        Path log = file(config, "global.log_events_filename", global.logEventsFilename(), problems);
        Path catalog = file(config, "global.catalog_events_filename", global.catalogEventsFilename(), problems);
        if (log != null && log.equals(catalog)) {
            problems.add(new ConfigProblem("global.catalog_events_filename", catalog.toString(),
                    "must differ from global.log_events_filename"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(config.sourceFile().map(Object::toString).orElse(null), problems);
        }
        return CsvEventSink.builder().files(log, catalog).keys("global.log_events_filename",
                "global.catalog_events_filename").filterLogEvents(global.filterLogEventsForCsv()).build();
    }

    private static Path file(SimulationConfig config, String key, Optional<String> name, List<ConfigProblem> problems) {
        if (name.isEmpty() || name.get().isBlank()) {
            problems.add(new ConfigProblem(key, null, "is required by sink type csv"));
            return null;
        }
        // writability, and clashes with other outputs, the state database and the configuration file, are checked
        // for the whole run when the simulation is built (OutputFile)
        Path path = config.resolve(name.get()).toAbsolutePath().normalize();
        return path;
    }
}
