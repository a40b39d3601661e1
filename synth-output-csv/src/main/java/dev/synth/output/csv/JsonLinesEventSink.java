package dev.synth.output.csv;

import dev.synth.SinkException;
import dev.synth.event.CatalogEvent;
import dev.synth.event.EventJson;
import dev.synth.event.JsonBuffer;
import dev.synth.event.LogEvent;
import dev.synth.spi.EventSink;
import dev.synth.spi.OutputFile;
import dev.synth.spi.RunKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link EventSink} writing JSON Lines: one JSON object per event and line ({@link EventJson}: {@code ts},
 * {@code type}, {@code u_id}, {@code d_id}, {@code os}, {@code ol}, {@code ip}, {@code up}, {@code dn},
 * {@code block} and {@code props} as a nested object with typed values; catalog events {@code ts},
 * {@code subject_type}, {@code data}), UTF-8, {@code \n} line ends, no header. DuckDB, Spark and {@code jq}
 * read the files as they are.
 *
 * <pre>{@code
 * EventSink files = JsonLinesEventSink.to(Path.of("out"));   // out/log_events.jsonl, out/catalog_events.jsonl
 * EventSink gz = JsonLinesEventSink.builder().directory(Path.of("out")).compression(Compression.GZIP).build();
 * EventSink stdout = JsonLinesEventSink.stream(System.out);   // both kinds of event on one stream
 * }</pre>
 *
 * <p><b>Files</b> behave as {@link CsvEventSink}'s do: exactly once (D8) - the position is the committed byte
 * length of each file and a resume cuts them back to it -, locked while open, compressed with gzip or zstd when
 * asked or when a name ends in {@code .gz} / {@code .zst} (one member or frame per committed step).
 *
 * <p><b>A stream</b> (standard output, {@code -} in configuration) cannot be cut back: a step's lines are written
 * and flushed at its commit, catalog events before log events, so a process killed between that and the state's
 * commit repeats the step's lines when it resumes (at least once). The stream is flushed, never closed.
 *
 * <p>Not thread-safe; calls follow the {@link EventSink} lifecycle.
 */
public final class JsonLinesEventSink implements EventSink {
    /** The default {@link #name()}. */
    public static final String DEFAULT_NAME = "jsonl";
    /** The log file's name in a directory. */
    public static final String LOG_FILE_NAME = "log_events.jsonl";
    /** The catalog file's name in a directory. */
    public static final String CATALOG_FILE_NAME = "catalog_events.jsonl";

    private final TextFileSink files;
    private final String name;
    private final OutputStream stream;
    private final JsonBuffer pending = new JsonBuffer(1 << 16);
    private final JsonBuffer pendingCatalog = new JsonBuffer(1 << 12);
    private RunKey run;

    private JsonLinesEventSink(TextFileSink files, String name, OutputStream stream) {
        this.files = files;
        this.name = name;
        this.stream = stream;
    }

    /** A sink named {@code jsonl} writing {@value #LOG_FILE_NAME} and {@value #CATALOG_FILE_NAME} in a directory. */
    public static JsonLinesEventSink to(Path directory) {
        return builder().directory(directory).build();
    }

    /** A sink named {@code jsonl} writing every event to a stream, e.g. {@code System.out} (at least once). */
    public static JsonLinesEventSink stream(OutputStream out) {
        return builder().stream(out).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    /** The files written (none for standard output), with the keys that named them. */
    @Override
    public List<OutputFile> outputFiles() {
        return files == null ? List.of() : files.outputFiles();
    }

    /** Names the configuration keys of the two files, for messages of the whole-run checks. */
    JsonLinesEventSink keys(String logKey, String catalogKey) {
        if (files != null) {
            files.keys(logKey, catalogKey);
        }
        return this;
    }

    /** The log file, or empty when writing to a stream. */
    public Optional<Path> logFile() {
        return files == null ? Optional.empty() : Optional.of(files.logFile());
    }

    /** The catalog file, or empty when writing to a stream. */
    public Optional<Path> catalogFile() {
        return files == null ? Optional.empty() : Optional.of(files.catalogFile());
    }

    /** The compression of the files ({@link Compression#NONE} for a stream). */
    public Compression compression() {
        return files == null ? Compression.NONE : files.logCompression();
    }

    /**
     * Files: opens them as {@link CsvEventSink#open} does (no header). A stream: nothing to prepare.
     *
     * @throws SinkException if a file cannot be opened or cut back to the committed position
     */
    @Override
    public void open(RunKey run, Optional<String> committedPosition) {
        if (files != null) {
            files.open(run, committedPosition);
            return;
        }
        Objects.requireNonNull(run, "run");
        if (this.run != null) {
            throw new IllegalStateException(this + " is already open for run " + this.run);
        }
        this.run = run;
        pending.reset();
        pendingCatalog.reset();
    }

    /**
     * Appends one step's lines (buffered until the commit for a stream). All or nothing.
     *
     * @throws SinkException naming an event whose props or data hold a value that is not a JSON value
     */
    @Override
    public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
        if (files != null) {
            files.write(logEvents, catalogEvents);
            return;
        }
        if (run == null) {
            throw new IllegalStateException(this + " is not open");
        }
        int logMark = pending.size();
        int catalogMark = pendingCatalog.size();
        Object current = null;
        try {
            for (CatalogEvent e : catalogEvents) {
                current = e;
                EventJson.writeCatalog(pendingCatalog, e);
                pendingCatalog.put((byte) '\n');
            }
            for (LogEvent e : logEvents) {
                current = e;
                EventJson.writeLog(pending, e);
                pending.put((byte) '\n');
            }
        } catch (RuntimeException e) {
            pending.truncate(logMark);
            pendingCatalog.truncate(catalogMark);
            String what = current instanceof LogEvent le ? "log event " + le.type() + " of user " + le.userId()
                    : "a catalog event";
            throw new SinkException("[" + run + "] jsonl sink '" + name + "': cannot write " + what + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Files: commits them (see {@link CsvEventSink#commit()}). A stream: writes the step's lines and flushes;
     * returns an empty position.
     *
     * @throws SinkException on an I/O error
     */
    @Override
    public String commit() {
        if (files != null) {
            return files.commit();
        }
        if (run == null) {
            throw new IllegalStateException(this + " is not open");
        }
        try {
            pendingCatalog.writeTo(stream);
            pending.writeTo(stream);
            stream.flush();
        } catch (IOException e) {
            throw new SinkException("[" + run + "] jsonl sink '" + name + "': cannot write to the stream: "
                    + e.getMessage(), e);
        } finally {
            pending.reset();
            pendingCatalog.reset();
        }
        return "";
    }

    /** Files: closes them. A stream: drops uncommitted lines and flushes; the stream stays open. */
    @Override
    public void close() {
        if (files != null) {
            files.close();
            return;
        }
        if (run == null) {
            return;
        }
        run = null;
        pending.reset();
        pendingCatalog.reset();
        try {
            stream.flush();
        } catch (IOException e) {
            throw new SinkException("jsonl sink '" + name + "': cannot flush the stream: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JsonLinesEventSink[" + name + ": " + (files == null ? "stream" : files.logFile() + ", "
                + files.catalogFile()) + "]";
    }

    /**
     * Configures a {@link JsonLinesEventSink}. Defaults: name {@value JsonLinesEventSink#DEFAULT_NAME},
     * compression from the file names; an output ({@link #directory}, {@link #files} or {@link #stream}) is
     * required.
     */
    public static final class Builder {
        private Path directory;
        private Path logFile;
        private Path catalogFile;
        private OutputStream stream;
        private String name = DEFAULT_NAME;
        private Compression compression;

        private Builder() {
        }

        /** Writes {@value JsonLinesEventSink#LOG_FILE_NAME} and {@value JsonLinesEventSink#CATALOG_FILE_NAME}
         * (plus the compression's suffix) in {@code directory}. */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.logFile = null;
            this.catalogFile = null;
            this.stream = null;
            return this;
        }

        /** Writes the two given files, which must differ. */
        public Builder files(Path logFile, Path catalogFile) {
            this.logFile = Objects.requireNonNull(logFile, "logFile");
            this.catalogFile = Objects.requireNonNull(catalogFile, "catalogFile");
            this.directory = null;
            this.stream = null;
            return this;
        }

        /** Writes every event to a stream, flushed at each commit and never closed (at least once). */
        public Builder stream(OutputStream out) {
            this.stream = Objects.requireNonNull(out, "out");
            this.directory = null;
            this.logFile = null;
            this.catalogFile = null;
            return this;
        }

        /** The name the sink's position is stored under. Default {@value JsonLinesEventSink#DEFAULT_NAME}. */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name was '" + name + "' but must not be blank");
            }
            this.name = name;
            return this;
        }

        /** Compresses the files. Default: as each file name's suffix says. Not for a stream. */
        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /**
         * @throws IllegalStateException if no output was given, or a stream was given a compression
         * @throws IllegalArgumentException if the log and catalog files are the same file
         */
        public JsonLinesEventSink build() {
            if (stream != null) {
                if (compression != null && compression != Compression.NONE) {
                    throw new IllegalStateException("a JSON Lines stream is not compressed; compress files instead");
                }
                return new JsonLinesEventSink(null, name, stream);
            }
            if (directory == null && logFile == null) {
                throw new IllegalStateException("JsonLinesEventSink needs an output: call directory(Path),"
                        + " files(Path, Path) or stream(OutputStream)");
            }
            return new JsonLinesEventSink(TextFiles.build("jsonl", name, directory, LOG_FILE_NAME,
                    CATALOG_FILE_NAME, logFile, catalogFile, compression, false, JsonLinesFormat::new), name, null);
        }
    }
}
