package dev.synth.output.csv;

import dev.synth.config.ConfigProblem;
import dev.synth.config.GlobalConfig;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import dev.synth.spi.SinkSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code csv} entry of {@code global.sink_types}: writes {@code global.log_events_filename} and
 * {@code global.catalog_events_filename} (both required unless {@code global.output_dir} is set, which puts
 * {@code log_events.csv} and {@code catalog_events.csv} there; relative names are resolved against the
 * configuration file's folder), honouring {@code global.filter_log_events_for_csv} (D26) and
 * {@code global.outputs.csv.compression} ({@code none}, {@code gzip}, {@code zstd}; default: the file names'
 * suffix, {@code .gz} or {@code .zst}).
 *
 * <p>Checks the files can be created before the run starts, so a bad path is a configuration error that
 * names the key and leaves nothing behind.
 */
public final class CsvSinkProvider implements EventSinkProvider {
    /** The keys of {@code global.outputs.csv}. */
    public static final Set<String> KEYS = Set.of("compression");

    @Override
    public String type() {
        return "csv";
    }

    @Override
    public EventSink create(SimulationConfig config) {
        GlobalConfig global = config.global();
        SinkSettings settings = SinkSettings.of(config, "csv", KEYS);
        Compression compression = TextFiles.compression(settings);
        Optional<Path> dir = settings.outputDir();
        CsvEventSink.Builder b = CsvEventSink.builder().filterLogEvents(global.filterLogEventsForCsv());
        if (compression != null) {
            b.compression(compression);
        }
        if (dir.isPresent()) {
            TextFiles.checkWritable(settings, "global.output_dir", global.outputDir().get(),
                    dir.get().resolve(CsvEventSink.LOG_FILE_NAME));
            settings.check();
            return b.directory(dir.get()).build().keys("global.output_dir", "global.output_dir");
        }
        Path log = TextFiles.file(settings, "global.log_events_filename", global.logEventsFilename());
        Path catalog = TextFiles.file(settings, "global.catalog_events_filename", global.catalogEventsFilename());
        if (log != null && log.equals(catalog)) {
            settings.problem(new ConfigProblem("global.catalog_events_filename", catalog.toString(),
                    "must differ from global.log_events_filename"));
        }
        settings.check();
        return b.files(log, catalog).build().keys("global.log_events_filename", "global.catalog_events_filename");
    }
}
