package dev.synth.output.csv;

import dev.synth.ConfigException;
import dev.synth.config.ConfigProblem;
import dev.synth.config.GlobalConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import java.nio.file.Files;
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
        return CsvEventSink.builder().files(log, catalog).filterLogEvents(global.filterLogEventsForCsv()).build();
    }

    private static Path file(SimulationConfig config, String key, Optional<String> name, List<ConfigProblem> problems) {
        if (name.isEmpty() || name.get().isBlank()) {
            problems.add(new ConfigProblem(key, null, "is required by sink type csv"));
            return null;
        }
        Path path = config.resolve(name.get()).toAbsolutePath().normalize();
        Path dir = path.getParent();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (Files.isDirectory(path)) {
            problems.add(new ConfigProblem(key, name.get(), "is a directory, not a file"));
        } else if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)
                || (Files.exists(path) && !Files.isWritable(path))) {
            problems.add(new ConfigProblem(key, name.get(), "must be a writable file path (cannot write in "
                    + (existing == null ? dir : existing) + ")"));
        }
        return path;
    }
}
