package dev.synth.output.csv;

import dev.synth.SinkException;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Timestamps;
import dev.synth.spi.EventSink;
import dev.synth.spi.RunKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * JSON objects keep their map's key order; doubles are written in their shortest form ({@code 1.0},
 * {@code 246.0}, {@code 1.0E7}) independently of the JDK; non-ASCII text is written as UTF-8, not escaped.
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
 * <p>A {@link #write} is all or nothing: if an event cannot be written (a props value that is not a JSON value,
 * an I/O error), the files are cut back to where they were before the call and a {@link SinkException} names the
 * event. An I/O error while committing leaves the sink failed: further writes and commits throw.
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

    private static final Logger LOG = LoggerFactory.getLogger(CsvEventSink.class);
    private static final int LOG_BUFFER_BYTES = 1 << 20;
    private static final int CATALOG_BUFFER_BYTES = 1 << 18;
    /** Locked instead of the whole file, so that readers on systems with mandatory locks are not blocked. */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

    private final String name;
    private final Path logFile;
    private final Path catalogFile;
    private final boolean filterLogEvents;

    // while open
    private RunKey run;
    private Output log;
    private Output catalog;
    private CsvFormat format;
    private boolean failed;

    private CsvEventSink(String name, Path logFile, Path catalogFile, boolean filterLogEvents) {
        this.name = name;
        this.logFile = logFile;
        this.catalogFile = catalogFile;
        this.filterLogEvents = filterLogEvents;
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
        return name;
    }

    /** The log file, as an absolute path. */
    public Path logFile() {
        return logFile;
    }

    /** The catalog file, as an absolute path. */
    public Path catalogFile() {
        return catalogFile;
    }

    /** Whether fake nudge responses are dropped (D26). */
    public boolean filterLogEvents() {
        return filterLogEvents;
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

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
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(committedPosition, "committedPosition");
        if (this.run != null) {
            throw new IllegalStateException(this + " is already open for run " + this.run);
        }
        String prefix = "[" + run + "] csv sink '" + name + "': ";
        Position resumeAt = committedPosition.map(p -> Position.parse(p, prefix)).orElse(null);
        Output logOut = new Output("log", logFile, resumeAt == null ? -1 : resumeAt.log());
        Output catalogOut = new Output("catalog", catalogFile, resumeAt == null ? -1 : resumeAt.catalog());
        List<Path> createdDirectories = new ArrayList<>();
        try {
            openFile(logOut, prefix, createdDirectories);
            openFile(catalogOut, prefix, createdDirectories);
            // only once both are open and locked is it safe to change what they hold
            CsvFormat newFormat = new CsvFormat();
            prepare(logOut, LOG_BUFFER_BYTES, run, prefix);
            if (logOut.buffer.size() == 0) {
                newFormat.writeLogHeader(logOut.buffer);
            }
            prepare(catalogOut, CATALOG_BUFFER_BYTES, run, prefix);
            if (catalogOut.buffer.size() == 0) {
                newFormat.writeCatalogHeader(catalogOut.buffer);
            }
            syncCreatedEntries(logOut, catalogOut, createdDirectories);
            this.format = newFormat;
        } catch (IOException e) { // writing a header into an empty buffer: cannot happen
            SinkException failure = new SinkException(prefix + "cannot write the header rows: " + describe(e), e);
            cleanUp(failure, createdDirectories, logOut, catalogOut);
            throw failure;
        } catch (RuntimeException e) {
            cleanUp(e, createdDirectories, logOut, catalogOut);
            throw e;
        }
        this.run = run;
        this.log = logOut;
        this.catalog = catalogOut;
        this.failed = false;
        if (resumeAt == null) {
            LOG.info("[{}] csv sink '{}' writing log events to {} and catalog events to {}", run, name, logFile,
                    catalogFile);
        } else {
            LOG.info("[{}] csv sink '{}' resuming {} at byte {} and {} at byte {}", run, name, logFile,
                    resumeAt.log(), catalogFile, resumeAt.catalog());
        }
    }

    /**
     * Appends one step's rows (buffered). With {@link Builder#filterLogEvents(boolean)}, {@link LogEvent#fake()
     * fake} events are skipped. All or nothing: on failure the files are cut back to where they were before this call.
     *
     * @throws SinkException naming the event that cannot be written, or the file on an I/O error
     */
    @Override
    public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
        Objects.requireNonNull(logEvents, "logEvents");
        Objects.requireNonNull(catalogEvents, "catalogEvents");
        checkUsable();
        OutBuffer logOut = log.buffer;
        OutBuffer catalogOut = catalog.buffer;
        long logMark = logOut.size();
        long catalogMark = catalogOut.size();
        Object current = null;
        try {
            for (LogEvent e : logEvents) {
                current = e;
                if (!filterLogEvents || !e.fake()) {
                    format.writeLogRow(logOut, e);
                }
            }
            for (CatalogEvent e : catalogEvents) {
                current = e;
                format.writeCatalogRow(catalogOut, e);
            }
        } catch (IOException | RuntimeException e) {
            SinkException failure = writeFailure(current, e);
            try {
                logOut.rollbackTo(logMark);
                catalogOut.rollbackTo(catalogMark);
            } catch (IOException | RuntimeException rollbackFailure) {
                failed = true;
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        }
    }

    /**
     * Hands all buffered rows to the OS, forces both files to the device ({@link FileChannel#force(boolean)
     * force(false)}; a file without new rows is skipped) and returns {@code log=<bytes>;catalog=<bytes>}.
     *
     * @throws SinkException on an I/O error; the sink is then failed
     */
    @Override
    public String commit() {
        checkUsable();
        Output current = log;
        try {
            sync(log);
            current = catalog;
            sync(catalog);
        } catch (IOException e) {
            failed = true;
            throw new SinkException(prefix() + "cannot commit the " + current.role + " file " + current.path + ": "
                    + describe(e), e);
        }
        String position = new Position(log.committed, catalog.committed).toString();
        if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] csv sink '{}' committed {}", run, name, position);
        }
        return position;
    }

    /** Flushes buffered rows to the OS (without forcing them; they are not committed) and closes the files. */
    @Override
    public void close() {
        if (run == null) {
            return;
        }
        SinkException failure = null;
        for (Output o : List.of(log, catalog)) {
            try {
                if (!failed) {
                    o.buffer.flush();
                }
            } catch (IOException e) {
                failure = addFailure(failure, prefix() + "cannot flush the " + o.role + " file " + o.path + ": "
                        + describe(e), e);
            }
            try {
                o.channel.close(); // releases the lock
            } catch (IOException e) {
                failure = addFailure(failure, prefix() + "cannot close the " + o.role + " file " + o.path + ": "
                        + describe(e), e);
            }
        }
        run = null;
        log = null;
        catalog = null;
        format = null;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "CsvEventSink[" + name + ": " + logFile + ", " + catalogFile + "]";
    }


    // ---- internals --------------------------------------------------------------------------------------------

    /** One of the two files. */
    private static final class Output {
        final String role;
        final Path path;
        /** The committed length to resume from, or -1 on a first run. */
        final long resumeAt;
        FileChannel channel;
        boolean created;
        OutBuffer buffer;
        long committed;

        Output(String role, Path path, long resumeAt) {
            this.role = role;
            this.path = path;
            this.resumeAt = resumeAt;
        }
    }

    private static void openFile(Output o, String prefix, List<Path> createdDirectories) {
        if (o.resumeAt < 0) {
            try {
                createParents(o.path, createdDirectories);
            } catch (IOException e) {
                throw new SinkException(prefix + "cannot create the directory of the " + o.role + " file " + o.path
                        + ": " + describe(e), e);
            }
        }
        try {
            if (o.resumeAt >= 0) {
                o.channel = FileChannel.open(o.path, StandardOpenOption.WRITE);
            } else {
                try {
                    o.channel = FileChannel.open(o.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    o.created = true;
                } catch (FileAlreadyExistsException e) {
                    o.channel = FileChannel.open(o.path, StandardOpenOption.WRITE);
                }
            }
        } catch (NoSuchFileException e) {
            throw new SinkException(prefix + "the " + o.role + " file " + o.path + " is missing, but " + o.resumeAt
                    + " bytes of it were committed: it was deleted or moved outside synth, so the run cannot"
                    + " resume without losing rows", e);
        } catch (IOException e) {
            throw new SinkException(prefix + "cannot open the " + o.role + " file " + o.path + " for writing: "
                    + describe(e), e);
        }
        FileLock lock;
        try {
            lock = o.channel.tryLock(LOCK_POSITION, 1, false);
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            LOG.warn("{}cannot lock the {} file {} ({}); make sure that nothing else writes it", prefix, o.role,
                    o.path, describe(e));
            return;
        }
        if (lock == null) {
            throw new SinkException(prefix + "the " + o.role + " file " + o.path
                    + " is being written by another sink or process");
        }
    }

    /** Cuts the file to where this run continues, and sets up its buffer. */
    private static void prepare(Output o, int bufferBytes, RunKey run, String prefix) {
        try {
            cutBack(o, bufferBytes, run, prefix);
        } catch (IOException e) {
            throw new SinkException(prefix + "cannot prepare the " + o.role + " file " + o.path + ": " + describe(e),
                    e);
        }
    }

    private static void cutBack(Output o, int bufferBytes, RunKey run, String prefix) throws IOException {
        long size = o.channel.size();
        long start;
        if (o.resumeAt < 0) {
            if (size > 0) {
                LOG.warn("[{}] overwriting {} ({} bytes): a new run does not append to the output of another",
                        run, o.path, size);
                o.channel.truncate(0);
            }
            start = 0;
        } else {
            if (size < o.resumeAt) {
                throw new SinkException(prefix + "the " + o.role + " file " + o.path + " is " + size + " bytes long,"
                        + " but " + o.resumeAt + " bytes of it were committed: it was shortened or replaced outside"
                        + " synth, so the run cannot resume without losing rows");
            }
            if (size > o.resumeAt) {
                LOG.info("[{}] discarding {} uncommitted bytes at the end of {}", run, size - o.resumeAt, o.path);
                o.channel.truncate(o.resumeAt);
            }
            start = o.resumeAt;
        }
        o.buffer = new OutBuffer(o.channel, start, bufferBytes);
        o.committed = start;
    }

    /** Creates the missing ancestors of {@code file}, top down, recording each one created. */
    private static void createParents(Path file, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path dir = file.getParent(); dir != null && !Files.isDirectory(dir); dir = dir.getParent()) {
            missing.add(dir);
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            Path dir = missing.get(i);
            try {
                Files.createDirectory(dir);
                created.add(dir);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a directory");
                }
            }
        }
    }

    /**
     * Makes the new directory entries durable too: forcing a new file's data does not persist its name. Best
     * effort: not every platform can open a directory.
     */
    private static void syncCreatedEntries(Output a, Output b, List<Path> createdDirectories) {
        Set<Path> parents = new LinkedHashSet<>();
        for (Path dir : createdDirectories) {
            if (dir.getParent() != null) {
                parents.add(dir.getParent());
            }
        }
        for (Output o : List.of(a, b)) {
            if (o.created && o.path.getParent() != null) {
                parents.add(o.path.getParent());
            }
        }
        for (Path dir : parents) {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot sync directory {}: {}", dir, e.toString());
            }
        }
    }

    /** Undoes a failed open: closes the files, deletes those it created, then the directories it created. */
    private static void cleanUp(Throwable failure, List<Path> createdDirectories, Output... outputs) {
        for (Output o : outputs) {
            if (o.channel != null) {
                try {
                    o.channel.close();
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
            if (o.created) {
                try {
                    Files.deleteIfExists(o.path);
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
        }
        for (int i = createdDirectories.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdDirectories.get(i));
            } catch (DirectoryNotEmptyException e) {
                // something else put a file there meanwhile: keep it
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static void sync(Output o) throws IOException {
        long size = o.buffer.size();
        if (size == o.committed) {
            return;
        }
        o.buffer.flush();
        o.channel.force(false);
        o.committed = size;
    }

    private void checkUsable() {
        if (run == null) {
            throw new IllegalStateException(this + " is not open");
        }
        if (failed) {
            throw new SinkException(prefix() + "an earlier I/O error left the files in an unknown state; reopen"
                    + " the sink to resume from the last commit");
        }
    }

    private SinkException writeFailure(Object event, Exception e) {
        if (e instanceof IOException) {
            return new SinkException(prefix() + "cannot write to " + logFile + " or " + catalogFile + ": "
                    + describe(e), e);
        }
        String what;
        if (event instanceof LogEvent le) {
            what = "log event " + le.type() + " of user " + le.userId() + " at "
                    + Timestamps.format(le.timeMicros()) + " to " + logFile;
        } else if (event instanceof CatalogEvent ce) {
            what = "catalog event " + ce.type().configName() + " at "
                    + Timestamps.format(ce.timeMicros()) + " to " + catalogFile;
        } else {
            what = "an event";
        }
        return new SinkException(prefix() + "cannot write " + what + ": " + describe(e), e);
    }

    private String prefix() {
        return "[" + run + "] csv sink '" + name + "': ";
    }

    private static SinkException addFailure(SinkException first, String message, IOException e) {
        SinkException next = new SinkException(message, e);
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof IOException && message != null && !message.isEmpty()) {
            // NIO messages are often just the path; say what kind of failure it was
            return e.getClass().getSimpleName() + ": " + message;
        }
        return message == null ? e.getClass().getName() : message;
    }

    /** What {@link #commit()} returns: the committed byte length of each file. */
    record Position(long log, long catalog) {
        private static final String LOG_KEY = "log=";
        private static final String CATALOG_KEY = "catalog=";

        static Position parse(String text, String prefix) {
            int semicolon = text.indexOf(';');
            if (semicolon > 0 && text.startsWith(LOG_KEY) && text.startsWith(CATALOG_KEY, semicolon + 1)) {
                long log = parseLength(text.substring(LOG_KEY.length(), semicolon));
                long catalog = parseLength(text.substring(semicolon + 1 + CATALOG_KEY.length()));
                if (log >= 0 && catalog >= 0) {
                    return new Position(log, catalog);
                }
            }
            throw new SinkException(prefix + "the committed position '" + text + "' is not one of a CSV sink"
                    + " (expected log=<bytes>;catalog=<bytes>); was it stored by another kind of sink?");
        }

        private static long parseLength(String digits) {
            if (digits.isEmpty() || digits.length() > 18) {
                return -1;
            }
            long value = 0;
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        @Override
        public String toString() {
            return LOG_KEY + log + ";" + CATALOG_KEY + catalog;
        }
    }

    /**
     * Configures a {@link CsvEventSink}. Defaults: name {@value CsvEventSink#DEFAULT_NAME}, no filtering; an
     * output ({@link #directory(Path)} or {@link #files(Path, Path)}) is required.
     */
    public static final class Builder {
        private Path directory;
        private Path logFile;
        private Path catalogFile;
        private String name = DEFAULT_NAME;
        private boolean filterLogEvents;

        private Builder() {
        }

        /**
         * Writes {@value CsvEventSink#LOG_FILE_NAME} and {@value CsvEventSink#CATALOG_FILE_NAME} in
         * {@code directory}. Replaces an earlier {@link #files(Path, Path)}.
         */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.logFile = null;
            this.catalogFile = null;
            return this;
        }

        /** Writes the two given files, which must differ. Replaces an earlier {@link #directory(Path)}. */
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

        /**
         * @throws IllegalStateException if no output was given
         * @throws IllegalArgumentException if the log and catalog files are the same file
         */
        public CsvEventSink build() {
            if (directory == null && logFile == null) {
                throw new IllegalStateException("CsvEventSink needs an output: call directory(Path) or"
                        + " files(Path, Path)");
            }
            Path dir = directory == null ? null : directory.toAbsolutePath().normalize();
            Path resolvedLog = dir == null ? logFile.toAbsolutePath().normalize() : dir.resolve(LOG_FILE_NAME);
            Path resolvedCatalog = dir == null ? catalogFile.toAbsolutePath().normalize()
                    : dir.resolve(CATALOG_FILE_NAME);
            if (resolvedLog.equals(resolvedCatalog)) {
                throw new IllegalArgumentException("log file and catalog file must differ, but both were "
                        + resolvedLog);
            }
            return new CsvEventSink(name, resolvedLog, resolvedCatalog, filterLogEvents);
        }
    }
}
