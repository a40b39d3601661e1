package dev.synth.output.csv;

import dev.synth.config.SimulationConfig;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import dev.synth.spi.SinkSettings;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code jsonl} entry of {@code global.sink_types}: JSON Lines ({@link JsonLinesEventSink}). Settings,
 * {@code global.outputs.jsonl}: {@code log_file} and {@code catalog_file} (files, or {@code -} for standard
 * output, the default when {@code global.output_dir} is not set), {@code compression} ({@code none},
 * {@code gzip}, {@code zstd}; default: the file names' suffix). With {@code global.output_dir}, the files are
 * {@code log_events.jsonl} and {@code catalog_events.jsonl} there (plus the compression's suffix).
 */
public final class JsonLinesSinkProvider implements EventSinkProvider {
    /** The keys of {@code global.outputs.jsonl}. */
    public static final Set<String> KEYS = Set.of("log_file", "catalog_file", "compression");
    /** The file name meaning standard output. */
    public static final String STDOUT = "-";

    @Override
    public String type() {
        return "jsonl";
    }

    @Override
    public EventSink create(SimulationConfig config) {
        SinkSettings settings = SinkSettings.of(config, "jsonl", KEYS);
        Compression compression = TextFiles.compression(settings);
        Optional<Path> dir = settings.outputDir();
        JsonLinesEventSink.Builder b = JsonLinesEventSink.builder();
        if (compression != null) {
            b.compression(compression);
        }
        if (dir.isPresent()) {
            TextFiles.checkWritable(settings, "global.output_dir", config.global().outputDir().get(),
                    dir.get().resolve(JsonLinesEventSink.LOG_FILE_NAME));
            settings.check();
            return b.directory(dir.get()).build().keys("global.output_dir", "global.output_dir");
        }
        String log = settings.string("log_file").orElse(STDOUT);
        String catalog = settings.string("catalog_file").orElse(log.equals(STDOUT) ? STDOUT : null);
        if (log.equals(STDOUT) || STDOUT.equals(catalog)) {
            if (!log.equals(STDOUT) || !STDOUT.equals(catalog)) {
                settings.problem("catalog_file", catalog, "must be '-' exactly when log_file is '-' (both events"
                        + " go to standard output)");
            }
            if (compression != null && compression != Compression.NONE) {
                settings.problem("compression", compression.configName(), "cannot apply to standard output");
            }
            settings.check();
            // standard output (System.out as it is when the sink is created); flushed per step, never closed
            OutputStream stdout = System.out;
            return b.stream(stdout).build();
        }
        Path logPath = TextFiles.file(settings, settings.key("log_file"), Optional.of(log));
        Path catalogPath = TextFiles.file(settings, settings.key("catalog_file"), Optional.ofNullable(catalog));
        if (logPath != null && logPath.equals(catalogPath)) {
            settings.problem("catalog_file", catalog, "must differ from " + settings.key("log_file"));
        }
        settings.check();
        return b.files(logPath, catalogPath).build().keys(settings.key("log_file"), settings.key("catalog_file"));
    }
}
