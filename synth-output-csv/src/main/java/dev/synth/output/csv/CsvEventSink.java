package dev.synth.output.csv;

import dev.synth.SinkException;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.spi.EventSink;
import dev.synth.spi.OutputFile;
import dev.synth.spi.RunKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link EventSink} writing two CSV files: log events and catalog events (reference 5.6, DECISIONS D25).
 *
 * <pre>{@code
 * EventSink csv = CsvEventSink.to(Path.of("out"));          // out/log_events.csv, out/catalog_events.csv
 * EventSink other = CsvEventSink.builder()
 *     .files(Path.of("logs.csv"), Path.of("catalog.csv"))   // a bare file name is fine (D27)
 *     .name("csv-filtered")
 *     .filterLogEvents(true)
 *     .build();
 * }</pre>
 *
 * <h2>Format</h2>
 * UTF-8, {@code \r\n} line ends, RFC 4180 quoting (a field is quoted when it contains a comma, a quote, CR or LF,
 * and its quotes are doubled), one header row per file:
 * <ul>
 *   <li>log file: {@code u_id,d_id,os,ol,ts,type,ip,up,dn,block,props}; {@code ol} is {@code true}/{@code false},
 *       {@code ts} is {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'} (UTC), {@code props} a compact JSON object;</li>
 *   <li>catalog file: {@code ts,subject_type,data}; {@code subject_type} is {@code media} for the three media
 *       types, {@code data} a compact JSON object.</li>
 * </ul>
 * JSON objects keep their map's key order; values follow {@link dev.synth.event.JsonValues}; non-ASCII text is
 * written as UTF-8, not escaped.
 * Rows are written in the order of the lists given to {@link #write}.
 *
 * <h2>Exactly once (D8)</h2>
 * {@link #commit()} hands the buffered rows to the OS, forces both files to the storage device and returns their
 * byte lengths as the position, {@code log=<bytes>;catalog=<bytes>}. On a resume, {@link #open} cuts each file
 * back to its committed length, so rows of a step that was written but never committed are written again, not
 * duplicated: a run resumed any number of times yields the same bytes as one unbroken run. A file that is missing
 * or shorter than its committed length fails the open, since rows were lost outside synth. On a first run
 * (no position) an existing non-empty file is overwritten, with a WARN naming it.
 *
 * <p>A {@link #write} is all or nothing: if an event cannot be written (a props value that is not a JSON value, see
 * {@link dev.synth.event.JsonValues};
 * an I/O error), the files are cut back to where they were before the call and a {@link SinkException} names the
 * event. An I/O error while committing leaves the sink failed: further writes and commits throw.
 *
 * <h2>Compression</h2>
 * A file name ending in {@code .gz} or {@code .zst} is written gzip- or zstd-compressed (or say so with
 * {@link Builder#compression(Compression)}): each committed step is one gzip member or zstd frame, the position
 * is the compressed length, and the files decompress to exactly the bytes of the plain sink, also after a kill
 * and resume. A compressed step is held in memory until its commit.
 *
 * <h2>Files</h2>
 * Missing parent directories are created at {@link #open}. A path that cannot be written fails the open with a
 * {@link SinkException} naming it, and leaves no file or directory behind that the open created. While open,
 * the sink holds an OS lock on each file (on a byte far past its end, so readers are never blocked); a second
 * sink or process writing the same file fails to open instead of interleaving rows.
 *
 * <h2>Lifecycle and threading</h2>
 * Not thread-safe: calls must not overlap. They may come from different threads when each call is handed over
 * with a happens-before edge, as the engine does when it opens the sink on the simulation thread and writes and
 * commits on its output thread. Order: {@code open}, then {@code write} and {@code commit} per step, then
 * {@code close}. After {@link #close()} (idempotent, flushes without forcing) the
 * same sink can be opened again, e.g. for the next run of a reusable simulation. Rows are buffered (1 MiB for
 * the log file), so nothing reaches the files between commits unless the buffer fills.
 */
public final class CsvEventSink implements EventSink {
    /** The default {@link #name()}. */
    public static final String DEFAULT_NAME = "csv";
    /** The log file's name in the directory given to {@link #to(Path)} or {@link Builder#directory(Path)}. */
    public static final String LOG_FILE_NAME = "log_events.csv";
    /** The catalog file's name in the directory given to {@link #to(Path)} or {@link Builder#directory(Path)}. */
    public static final String CATALOG_FILE_NAME = "catalog_events.csv";

    private final TextFileSink files;

    private CsvEventSink(TextFileSink files) {
        this.files = files;
    }

    /**
     * A sink named {@code csv} writing {@value #LOG_FILE_NAME} and {@value #CATALOG_FILE_NAME} in
     * {@code directory}, which is created at {@link #open} if missing.
     */
    public static CsvEventSink to(Path directory) {
        return builder().directory(directory).build();
    }

    /** A sink named {@code csv} writing the two given files; their parent directories are created if missing. */
    public static CsvEventSink files(Path logFile, Path catalogFile) {
        return builder().files(logFile, catalogFile).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return files.name();
    }

    /** The files written (none for standard output), with the keys that named them. */
    @Override
    public List<OutputFile> outputFiles() {
        return files == null ? List.of() : files.outputFiles();
    }

    /** Names the configuration keys of the two files, for messages of the whole-run checks. */
    CsvEventSink keys(String logKey, String catalogKey) {
        if (files != null) {
            files.keys(logKey, catalogKey);
        }
        return this;
    }

    /** The log file, as an absolute path. */
    public Path logFile() {
        return files.logFile();
    }

    /** The catalog file, as an absolute path. */
    public Path catalogFile() {
        return files.catalogFile();
    }

    /** The compression of the log file. */
    public Compression logCompression() {
        return files.logCompression();
    }

    /** Whether fake nudge responses are dropped (D26). */
    public boolean filterLogEvents() {
        return files.filterLogEvents();
    }

    /**
     * Opens both files: on a first run ({@code committedPosition} empty) empties them and writes the header
     * rows; on a resume cuts them back to the committed position.
     *
     * @throws SinkException if a file cannot be created or written, is missing or shorter than its committed
     *                       length, is locked by another writer, or the position is not one of this sink's
     * @throws IllegalStateException if the sink is already open
     */
    @Override
    public void open(RunKey run, Optional<String> committedPosition) {
        files.open(run, committedPosition);
    }

    /** Rows written since {@link #open}: fewer log rows than events with {@code filter_log_events_for_csv}. */
    @Override
    public Optional<dev.synth.spi.SinkCount> written() {
        return files.written();
    }

    /**
     * Appends one step's rows (buffered). With {@link Builder#filterLogEvents(boolean)}, {@link LogEvent#fake()
     * fake} events are skipped. All or nothing: on failure the files are cut back to where they were before this call.
     *
     * @throws SinkException naming the event that cannot be written, or the file on an I/O error
     */
    @Override
    public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
        files.write(logEvents, catalogEvents);
    }

    /**
     * Hands all buffered rows to the OS (compressed: as one member per file), forces both files to the device
     * and returns {@code log=<bytes>;catalog=<bytes>}.
     *
     * @throws SinkException on an I/O error; the sink is then failed
     */
    @Override
    public String commit() {
        return files.commit();
    }

    /** Flushes buffered rows to the OS (without forcing them; they are not committed) and closes the files. */
    @Override
    public void close() {
        files.close();
    }

    @Override
    public String toString() {
        return "CsvEventSink[" + name() + ": " + logFile() + ", " + catalogFile() + "]";
    }

    /**
     * Configures a {@link CsvEventSink}. Defaults: name {@value CsvEventSink#DEFAULT_NAME}, no filtering,
     * compression from the file names; an output ({@link #directory(Path)} or {@link #files(Path, Path)}) is
     * required.
     */
    public static final class Builder {
        private Path directory;
        private Path logFile;
        private Path catalogFile;
        private String name = DEFAULT_NAME;
        private boolean filterLogEvents;
        private Compression compression;

        private Builder() {
        }

        /**
         * Writes {@value CsvEventSink#LOG_FILE_NAME} and {@value CsvEventSink#CATALOG_FILE_NAME} in
         * {@code directory} (with the suffix of the {@link #compression(Compression)}, if any). Replaces an
         * earlier {@link #files(Path, Path)}.
         */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.logFile = null;
            this.catalogFile = null;
            return this;
        }

        /**
         * Writes the two given files, which must differ; a name ending in {@code .gz} or {@code .zst} is
         * compressed unless {@link #compression(Compression)} says otherwise. Replaces an earlier
         * {@link #directory(Path)}.
         */
        public Builder files(Path logFile, Path catalogFile) {
            this.logFile = Objects.requireNonNull(logFile, "logFile");
            this.catalogFile = Objects.requireNonNull(catalogFile, "catalogFile");
            this.directory = null;
            return this;
        }

        /**
         * The name the sink's position is stored under; each sink of a simulation needs its own. Default
         * {@value CsvEventSink#DEFAULT_NAME}.
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name was '" + name + "' but must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * Drops fake log events - those the simulation marks {@link LogEvent#fake()} when it makes them up, i.e.
         * the reference's fake nudge responses (D26, the reference's {@code filter_log_events_for_csv}). Nothing
         * else is dropped. Default {@code false}.
         */
        public Builder filterLogEvents(boolean filterLogEvents) {
            this.filterLogEvents = filterLogEvents;
            return this;
        }

        /** Compresses both files. Default: as each file name's suffix says ({@link Compression#ofFileName}). */
        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /**
         * @throws IllegalStateException if no output was given
         * @throws IllegalArgumentException if the log and catalog files are the same file
         */
        public CsvEventSink build() {
            if (directory == null && logFile == null) {
                throw new IllegalStateException("CsvEventSink needs an output: call directory(Path) or"
                        + " files(Path, Path)");
            }
            return new CsvEventSink(TextFiles.build("csv", name, directory, LOG_FILE_NAME, CATALOG_FILE_NAME,
                    logFile, catalogFile, compression, filterLogEvents, CsvFormat::new));
        }
    }
}
