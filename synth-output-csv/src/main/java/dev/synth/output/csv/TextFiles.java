package dev.synth.output.csv;

import dev.synth.config.ConfigProblem;
import dev.synth.spi.SinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Resolves the files and compression of a text sink's builder. */
final class TextFiles {
    private TextFiles() {
    }

    static TextFileSink build(String kind, String name, Path directory, String logName, String catalogName,
            Path logFile, Path catalogFile, Compression compression, boolean filterLogEvents,
            Supplier<RowFormat> formats) {
        Path resolvedLog;
        Path resolvedCatalog;
        if (directory != null) {
            Path dir = directory.toAbsolutePath().normalize();
            String suffix = compression == null ? "" : compression.suffix();
            resolvedLog = dir.resolve(logName + suffix);
            resolvedCatalog = dir.resolve(catalogName + suffix);
        } else {
            resolvedLog = logFile.toAbsolutePath().normalize();
            resolvedCatalog = catalogFile.toAbsolutePath().normalize();
        }
        if (resolvedLog.equals(resolvedCatalog)) {
            throw new IllegalArgumentException("log file and catalog file must differ, but both were "
                    + resolvedLog);
        }
        Compression logCompression = compression != null ? compression : Compression.ofFileName(resolvedLog);
        Compression catalogCompression = compression != null ? compression
                : Compression.ofFileName(resolvedCatalog);
        return new TextFileSink(kind, name, resolvedLog, resolvedCatalog, filterLogEvents, formats, logCompression,
                catalogCompression);
    }

    /** {@code compression} of a sink's settings, or null when not set (the file names decide). */
    static Compression compression(SinkSettings settings) {
        Optional<String> name = settings.string("compression");
        if (name.isEmpty()) {
            return null;
        }
        Optional<Compression> c = Compression.ofName(name.get());
        if (c.isEmpty()) {
            settings.problem("compression", name.get(), "must be none, gzip or zstd");
            return null;
        }
        return c.get();
    }

    /** A required, writable file named by {@code key}; null (and a problem) when it is not. */
    static Path file(SinkSettings settings, String key, Optional<String> name) {
        if (name.isEmpty() || name.get().isBlank()) {
            settings.problem(new ConfigProblem(key, null, "is required by sink type " + settings.type()));
            return null;
        }
        Path path = settings.resolve(name.get());
        checkWritable(settings, key, name.get(), path);
        return path;
    }

    /** Records a problem unless {@code path} is a file that can be created or written. */
    static void checkWritable(SinkSettings settings, String key, String value, Path path) {
        Path dir = path.getParent();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (Files.isDirectory(path)) {
            settings.problem(new ConfigProblem(key, value, "is a directory, not a file"));
        } else if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)
                || (Files.exists(path) && !Files.isWritable(path))) {
            settings.problem(new ConfigProblem(key, value, "must be a writable file path (cannot write in "
                    + (existing == null ? dir : existing) + ")"));
        }
    }
}
