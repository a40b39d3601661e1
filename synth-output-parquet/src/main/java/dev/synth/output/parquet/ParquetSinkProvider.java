package dev.synth.output.parquet;

import dev.synth.config.SimulationConfig;
import dev.synth.spi.EventSink;
import dev.synth.spi.EventSinkProvider;
import dev.synth.spi.SinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code parquet} entry of {@code global.sink_types}: a {@link ParquetEventSink} writing under
 * {@code global.output_dir} if set, else under {@code global.outputs.parquet.directory} (relative to the
 * configuration file's folder; one of the two is required).
 */
public final class ParquetSinkProvider implements EventSinkProvider {
    /** The keys of {@code global.outputs.parquet}. */
    public static final Set<String> KEYS = Set.of("directory");

    @Override
    public String type() {
        return "parquet";
    }

    @Override
    public EventSink create(SimulationConfig config) {
        SinkSettings s = SinkSettings.of(config, "parquet", KEYS);
        Optional<Path> dir = s.outputDir();
        String key = "global.output_dir";
        Object value = config.global().outputDir().orElse(null);
        if (dir.isEmpty()) {
            Optional<String> configured = s.string("directory").filter(d -> !d.isBlank());
            if (configured.isEmpty()) {
                s.problem("directory", null, "is required by sink type parquet unless global.output_dir is set");
            } else {
                dir = Optional.of(s.resolve(configured.get()));
                key = s.key("directory");
                value = configured.get();
            }
        }
        if (dir.isPresent()) {
            Path existing = dir.get();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                s.problem(new dev.synth.config.ConfigProblem(key, value,
                        "must be a directory that can be created and written"));
            }
        }
        s.check();
        return ParquetEventSink.to(dir.get()).directoryKey(key);
    }
}
