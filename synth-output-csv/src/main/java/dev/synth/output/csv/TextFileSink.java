package dev.synth.output.csv;

import dev.synth.SinkException;
import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import dev.synth.event.Timestamps;
import dev.synth.spi.EventSink;
import dev.synth.spi.OutputFile;
import dev.synth.spi.RunKey;
import java.io.IOException;
import java.nio.ByteBuffer;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of the text file sinks ({@link CsvEventSink}, {@link JsonLinesEventSink}): two files, log events and
 * catalog events, rendered by a {@link RowFormat}, plain or compressed, with exactly-once resume (D8).
 *
 * <p>Plain files: rows are buffered and drained to the file; {@link #commit()} hands the buffered rows to the OS,
 * forces both files to the device and returns their byte lengths as the position, {@code log=<bytes>;catalog=
 * <bytes>}; on a resume {@link #open} cuts each file back to its committed length.
 *
 * <p>Compressed files ({@link Compression#GZIP}, {@link Compression#ZSTD}): a step's rows are kept in memory and
 * {@code commit} appends them as one gzip member or one zstd frame, then forces the file; the position is the
 * compressed length. A file is thus a sequence of complete members (frames), which standard tools decompress as
 * one stream to exactly the bytes of the plain sink; a resume cuts off a member that was written but never
 * committed.
 *
 * <p>A {@link #write} is all or nothing: if an event cannot be written, the output is cut back to where it was
 * before the call and a {@link SinkException} names the event. An I/O error while committing leaves the sink
 * failed: further writes and commits throw. Files are locked while open; missing directories are created, and a
 * failed open leaves nothing behind that it created. Not thread-safe (see {@link CsvEventSink}).
 */
final class TextFileSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(TextFileSink.class);
    private static final int LOG_BUFFER_BYTES = 1 << 20;
    private static final int CATALOG_BUFFER_BYTES = 1 << 18;
    /** Locked instead of the whole file, so that readers on systems with mandatory locks are not blocked. */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

    private final String kind;
    private final String name;
    private final Path logFile;
    private final Path catalogFile;
    private final boolean filterLogEvents;
    private final Supplier<RowFormat> formats;
    private final Compression logCompression;
    private final Compression catalogCompression;

    // while open
    private RunKey run;
    private Output log;
    private Output catalog;
    private RowFormat format;
    private boolean failed;
    /** Rows written since open, for {@link #written()}. */
    private long logRowsWritten;
    private long catalogRowsWritten;

    /**
     * @param kind    what the sink writes, in messages: {@code csv}, {@code jsonl}
     * @param formats a new row format per open (formats may cache)
     */
    TextFileSink(String kind, String name, Path logFile, Path catalogFile, boolean filterLogEvents,
            Supplier<RowFormat> formats, Compression logCompression, Compression catalogCompression) {
        this.kind = kind;
        this.name = name;
        this.logFile = logFile;
        this.catalogFile = catalogFile;
        this.filterLogEvents = filterLogEvents;
        this.formats = formats;
        this.logCompression = logCompression;
        this.catalogCompression = catalogCompression;
    }

    @Override
    public String name() {
        return name;
    }

    private String logKey;
    private String catalogKey;

    /** Names the keys that configured the two files, for the whole-run checks' messages. */
    TextFileSink keys(String logKey, String catalogKey) {
        this.logKey = logKey;
        this.catalogKey = catalogKey;
        return this;
    }

    /** The two files with the keys that named them (default: the sink's kind and name). */
    @Override
    public List<OutputFile> outputFiles() {
        if (logFile == null || catalogFile == null) {
            return List.of();
        }
        String sink = kind + " sink '" + name + "'";
        return List.of(new OutputFile(logKey != null ? logKey : sink + " log file", logFile),
                new OutputFile(catalogKey != null ? catalogKey : sink + " catalog file", catalogFile));
    }

    /** The log file, as an absolute path. */
    public Path logFile() {
        return logFile;
    }

    /** The catalog file, as an absolute path. */
    public Path catalogFile() {
        return catalogFile;
    }

    /** The compression of the log file. */
    Compression logCompression() {
        return logCompression;
    }

    /** The compression of the catalog file. */
    Compression catalogCompression() {
        return catalogCompression;
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
        String prefix = "[" + run + "] " + kind + " sink '" + name + "': ";
        Position resumeAt = committedPosition.map(p -> Position.parse(p, prefix, kind)).orElse(null);
        Output logOut = new Output("log", logFile, resumeAt == null ? -1 : resumeAt.log(), logCompression);
        Output catalogOut = new Output("catalog", catalogFile, resumeAt == null ? -1 : resumeAt.catalog(),
                catalogCompression);
        List<Path> createdDirectories = new ArrayList<>();
        try {
            openFile(logOut, prefix, createdDirectories);
            openFile(catalogOut, prefix, createdDirectories);
            // only once both are open and locked is it safe to change what they hold
            RowFormat newFormat = formats.get();
            prepare(logOut, LOG_BUFFER_BYTES, run, prefix);
            if (logOut.committed == 0) {
                newFormat.writeLogHeader(logOut.buffer);
            }
            prepare(catalogOut, CATALOG_BUFFER_BYTES, run, prefix);
            if (catalogOut.committed == 0) {
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
        this.logRowsWritten = 0;
        this.catalogRowsWritten = 0;
        this.log = logOut;
        this.catalog = catalogOut;
        this.failed = false;
        if (resumeAt == null) {
            LOG.info("[{}] {} sink '{}' writing log events to {} and catalog events to {}", run, kind, name, logFile,
                    catalogFile);
        } else {
            LOG.info("[{}] {} sink '{}' resuming {} at byte {} and {} at byte {}", run, kind, name, logFile,
                    resumeAt.log(), catalogFile, resumeAt.catalog());
        }
    }

    /** Rows written since {@link #open}: fewer log rows than events when fake events are filtered out. */
    @Override
    public Optional<dev.synth.spi.SinkCount> written() {
        return Optional.of(new dev.synth.spi.SinkCount(logRowsWritten, catalogRowsWritten));
    }

    /**
     * Appends one step's rows (buffered). With {@code filterLogEvents}, {@link LogEvent#fake() fake} events
     * are skipped. All or nothing: on failure the files are cut back to where they were before this call.
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
        long logRows = 0;
        try {
            for (LogEvent e : logEvents) {
                current = e;
                if (!filterLogEvents || !e.fake()) {
                    format.writeLogRow(logOut, e);
                    logRows++;
                }
            }
            for (CatalogEvent e : catalogEvents) {
                current = e;
                format.writeCatalogRow(catalogOut, e);
            }
            logRowsWritten += logRows;
            catalogRowsWritten += catalogEvents.size();
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
            LOG.debug("[{}] {} sink '{}' committed {}", run, kind, name, position);
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
                if (!failed && o.compression == Compression.NONE) {
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
        return "TextFileSink[" + kind + " " + name + ": " + logFile + ", " + catalogFile + "]";
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
        final Compression compression;
        OutBuffer buffer;
        long committed;

        Output(String role, Path path, long resumeAt, Compression compression) {
            this.role = role;
            this.path = path;
            this.resumeAt = resumeAt;
            this.compression = compression;
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
        // compressed: a step's rows stay in memory until the commit turns them into one member (frame)
        o.buffer = o.compression == Compression.NONE ? new OutBuffer(o.channel, start, bufferBytes)
                : new OutBuffer(bufferBytes);
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
        if (o.compression != Compression.NONE) {
            OutBuffer b = o.buffer;
            if (b.size() == 0) {
                return;
            }
            byte[] member = o.compression.compress(b.array(), (int) b.size());
            ByteBuffer view = ByteBuffer.wrap(member);
            while (view.hasRemaining()) {
                o.channel.write(view, o.committed + view.position());
            }
            o.channel.force(false);
            o.committed += member.length;
            b.reset();
            return;
        }
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
        return "[" + run + "] " + kind + " sink '" + name + "': ";
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

        static Position parse(String text, String prefix, String kind) {
            int semicolon = text.indexOf(';');
            if (semicolon > 0 && text.startsWith(LOG_KEY) && text.startsWith(CATALOG_KEY, semicolon + 1)) {
                long log = parseLength(text.substring(LOG_KEY.length(), semicolon));
                long catalog = parseLength(text.substring(semicolon + 1 + CATALOG_KEY.length()));
                if (log >= 0 && catalog >= 0) {
                    return new Position(log, catalog);
                }
            }
            throw new SinkException(prefix + "the committed position '" + text + "' is not one of a " + kind + " sink"
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
}
