package dev.synth.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file an {@link EventSink} writes, with the configuration key (or command-line option) that named it, so the
 * simulation can check before the run that every output is writable and that no two outputs - nor an output and
 * the state database or the configuration file - are the same file.
 *
 * @param key  e.g. {@code global.log_events_filename} or {@code --output-dir}
 * @param path the file, absolute and normalised
 */
public record OutputFile(String key, Path path) {
    public OutputFile {
        Objects.requireNonNull(key, "key");
        path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    }
}
