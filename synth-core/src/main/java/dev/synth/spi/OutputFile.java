package dev.synth.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file an {@link EventSink} writes, or a folder it writes into, with the configuration key (or command-line
 * option) that named it, so the simulation can check before the run that every output is writable and that no
 * two outputs - nor an output and the state database or the configuration file - are the same file.
 *
 * <p>A file ({@link #OutputFile(String, Path) new OutputFile(key, path)}) must be a regular file synth can create
 * or write. A folder ({@link #folder(String, Path)}) must be a folder synth can create or create files in, and is
 * the sink's own: no other output, no state database and no configuration file may lie inside it, and no other
 * output may name the same folder. Report only the folders the sink fills (e.g. {@code out/log/}), not a folder it
 * shares with other outputs (e.g. {@code global.output_dir}, where the CSV files go too).
 *
 * @param key    e.g. {@code global.log_events_filename} or {@code --output-dir}
 * @param path   the file or folder, absolute and normalised
 * @param folder whether {@code path} is a folder the sink writes into rather than a file
 */
public record OutputFile(String key, Path path, boolean folder) {
    public OutputFile {
        Objects.requireNonNull(key, "key");
        path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    }

    /** A file the sink writes. */
    public OutputFile(String key, Path path) {
        this(key, path, false);
    }

    /** A folder the sink creates if missing and writes files into, named by {@code key}. */
    public static OutputFile folder(String key, Path path) {
        return new OutputFile(key, path, true);
    }
}
