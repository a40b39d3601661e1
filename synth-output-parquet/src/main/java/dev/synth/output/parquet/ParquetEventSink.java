package dev.synth.output.parquet;

import dev.synth.SinkException;
import dev.synth.event.CatalogEvent;
import dev.synth.event.JsonBuffer;
import dev.synth.event.LogEvent;
import dev.synth.event.Micros;
import dev.synth.spi.EventSink;
import dev.synth.spi.OutputFile;
import dev.synth.spi.RunKey;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventSink} writing Parquet: one folder per kind of event and simulated UTC day, one or more parts per
 * day, so that a folder reads as one table with a {@code date} column (Hive partitioning):
 * <pre>
 * out/log/date=2020-01-01/part-00024.parquet
 * out/catalog/date=2020-01-01/part-00024.parquet
 * </pre>
 * Log columns: {@code ts} (INT64 TIMESTAMP(MICROS, UTC)), {@code type}, {@code u_id}, {@code d_id}, {@code os}
 * (strings), {@code ol} (BOOLEAN), {@code ip} (string), {@code up}, {@code dn} (INT32), {@code block} (string),
 * {@code props} (the JSON object as a string, {@link dev.synth.event.JsonValues}' rules). Catalog columns:
 * {@code ts}, {@code subject_type}, {@code data} (JSON string). ZSTD-compressed pages, row groups of up to
 * 128 MiB, dictionaries for the repetitive string columns.
 *
 * <h2>Exactly once, and parts visible only when committed (D8)</h2>
 * Parquet files cannot be appended to, so a step's rows first go to a spool file per kind and day
 * ({@code out/_spool/}), appended and forced at each {@link #commit()}; the position records the spool lengths
 * and the commit count. A day's part is written once a later day has begun (at the commit of the step that
 * reaches it): to a hidden temporary file, forced, then renamed to {@code part-<commit count>.parquet} in one
 * atomic move. At the end of a run ({@link #close()} after a commit) the days still open get their parts too,
 * so the folder is complete when {@code run} returns. On a resume, {@link #open} deletes every part newer than
 * the committed commit count (written by a step that was never committed, or at the end of the previous run for
 * a day that is still open) and cuts the spools back to their committed lengths; the day's part is then written
 * again, in full, when the day is finished. A reader therefore only ever sees committed rows, and a resumed run's
 * folder holds the same rows as an unbroken run's (the part numbers may differ).
 *
 * <p>Not thread-safe; calls follow the {@link EventSink} lifecycle.
 */
public final class ParquetEventSink implements EventSink {
    /** The default {@link #name()}. */
    public static final String DEFAULT_NAME = "parquet";
    /** The folder of log events under the output directory. */
    public static final String LOG_DIR = "log";
    /** The folder of catalog events under the output directory. */
    public static final String CATALOG_DIR = "catalog";
    /** The folder of the spool files under the output directory. */
    public static final String SPOOL_DIR = "_spool";

    private static final Logger LOG = LoggerFactory.getLogger(ParquetEventSink.class);

    private final String name;
    private final Path directory;
    /** The key that named the directory, for the whole-run checks' messages; null: the sink's name. */
    private final String directoryKey;

    // while open
    private RunKey run;
    private long commits;
    private final Kind log = new Kind(LOG_DIR);
    private final Kind catalog = new Kind(CATALOG_DIR);
    private boolean dirty;
    private boolean failed;
    private final JsonBuffer json = new JsonBuffer(1024);

    private ParquetEventSink(String name, Path directory, String directoryKey) {
        this.name = name;
        this.directory = directory;
        this.directoryKey = directoryKey;
    }

    /** A sink named {@code parquet} writing under {@code directory} ({@code log/}, {@code catalog/}). */
    public static ParquetEventSink to(Path directory) {
        return new ParquetEventSink(DEFAULT_NAME, directory.toAbsolutePath().normalize(), null);
    }

    /** A sink with another {@link #name()} (each sink of a simulation needs its own). */
    public static ParquetEventSink to(Path directory, String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return new ParquetEventSink(name, directory.toAbsolutePath().normalize(), null);
    }

    /** This sink with the configuration key that named its directory, for the whole-run checks' messages. */
    ParquetEventSink directoryKey(String key) {
        return new ParquetEventSink(name, directory, Objects.requireNonNull(key, "key"));
    }

    @Override
    public String name() {
        return name;
    }

    /** The output directory. */
    public Path directory() {
        return directory;
    }

    /**
     * The folders this sink fills - {@code log/}, {@code catalog/} and {@code _spool/} of the directory - keyed by
     * what named the directory ({@code global.output_dir}, {@code global.outputs.parquet.directory}, or for a
     * sink built in Java {@code parquet sink '<name>' directory}). Not the directory itself, which it may share
     * with other outputs ({@code global.output_dir}).
     */
    @Override
    public List<OutputFile> outputFiles() {
        String key = directoryKey != null ? directoryKey : "parquet sink '" + name + "' directory";
        return List.of(OutputFile.folder(key, directory.resolve(LOG_DIR)),
                OutputFile.folder(key, directory.resolve(CATALOG_DIR)),
                OutputFile.folder(key, directory.resolve(SPOOL_DIR)));
    }

    /**
     * Creates the folders; on a resume deletes uncommitted parts and cuts the spools back; on a first run deletes
     * earlier parts and spools in the folders (with a WARN).
     *
     * @throws SinkException if the folders cannot be prepared or the position is not one of this sink's
     */
    @Override
    public void open(RunKey run, Optional<String> committedPosition) {
        Objects.requireNonNull(run, "run");
        if (this.run != null) {
            throw new IllegalStateException(this + " is already open for run " + this.run);
        }
        String prefix = "[" + run + "] parquet sink '" + name + "': ";
        Position p = committedPosition.filter(s -> !s.isEmpty()).map(s -> Position.parse(s, prefix))
                .orElse(new Position(0, Map.of(), Map.of()));
        try {
            Files.createDirectories(directory.resolve(SPOOL_DIR));
            log.prepare(p.commits(), p.log(), committedPosition.isEmpty(), run);
            catalog.prepare(p.commits(), p.catalog(), committedPosition.isEmpty(), run);
        } catch (IOException | UncheckedIOException e) {
            throw new SinkException(prefix + "cannot prepare " + directory + ": " + e.getMessage(), e);
        }
        this.commits = p.commits();
        this.run = run;
        this.dirty = false;
        this.failed = false;
        LOG.info("[{}] parquet sink '{}' writing to {} ({})", run, name, directory,
                committedPosition.isEmpty() ? "first run" : "resuming at commit " + commits);
    }

    /**
     * Adds one step's rows to the spool buffers (in memory until the commit). All or nothing.
     *
     * @throws SinkException naming an event whose props or data are not JSON values
     */
    @Override
    public void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents) {
        checkUsable();
        dirty = true;
        Object current = null;
        Mark logMark = log.mark();
        Mark catalogMark = catalog.mark();
        try {
            for (LogEvent e : logEvents) {
                current = e;
                json.reset();
                json.writeObject(e.props());
                DataOutputStream out = log.pending(Micros.epochDay(e.timeMicros()));
                out.writeLong(e.timeMicros());
                str(out, e.type());
                str(out, e.userId());
                str(out, e.deviceId());
                out.writeBoolean(e.online());
                out.writeInt(e.up());
                out.writeInt(e.dn());
                str(out, e.block().wireName());
                out.writeInt(json.size());
                out.write(json.array(), 0, json.size());
            }
            for (CatalogEvent e : catalogEvents) {
                current = e;
                json.reset();
                json.writeObject(e.data());
                DataOutputStream out = catalog.pending(Micros.epochDay(e.timeMicros()));
                out.writeLong(e.timeMicros());
                str(out, e.subjectType());
                out.writeInt(json.size());
                out.write(json.array(), 0, json.size());
            }
        } catch (IOException | RuntimeException e) {
            log.rollback(logMark);
            catalog.rollback(catalogMark);
            String what = current instanceof LogEvent le ? "log event " + le.type() + " of user " + le.userId()
                    : "a catalog event";
            throw new SinkException(prefix() + "cannot write " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends the step's rows to the spools and forces them, then writes the parts of the days that are over.
     * Returns {@code commits=<n>;log=<day>:<bytes>,...;catalog=<day>:<bytes>,...}.
     *
     * @throws SinkException on an I/O error; the sink is then failed
     */
    @Override
    public String commit() {
        checkUsable();
        try {
            // the engine commits a step only after storing the previous one: its spools can go
            log.deleteStoredSpools();
            catalog.deleteStoredSpools();
            log.flushSpools();
            catalog.flushSpools();
            long next = commits + 1;
            log.finishDaysBefore(log.maxDay, next);
            catalog.finishDaysBefore(catalog.maxDay, next);
            commits = next;
            log.scheduleDeletes();
            catalog.scheduleDeletes();
        } catch (IOException | UncheckedIOException e) {
            failed = true;
            throw new SinkException(prefix() + "cannot commit to " + directory + ": " + e.getMessage(), e);
        }
        dirty = false;
        return new Position(commits, log.openLengths(), catalog.openLengths()).toString();
    }

    /**
     * After a commit, writes the parts of the days still open, so that the folders hold every committed row when
     * the run ends (a resume takes them back and writes them again when the day is over). Closes the sink.
     */
    @Override
    public void close() {
        if (run == null) {
            return;
        }
        try {
            if (!dirty && !failed) {
                log.finishDaysBefore(Long.MAX_VALUE, commits + 1);
                catalog.finishDaysBefore(Long.MAX_VALUE, commits + 1);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SinkException(prefix() + "cannot write the open days' parts in " + directory + ": "
                    + e.getMessage(), e);
        } finally {
            log.reset();
            catalog.reset();
            run = null;
        }
    }

    @Override
    public String toString() {
        return "ParquetEventSink[" + name + ": " + directory + "]";
    }

    // ---- one kind of event --------------------------------------------------------------------------------

    /** The spools and parts of log or catalog events. */
    private final class Kind {
        final String dirName;
        /** Days with spooled rows (no part yet): committed spool length. */
        final TreeMap<Long, Long> open = new TreeMap<>();
        /** This step's rows per day, not yet in a spool. */
        final TreeMap<Long, ByteArrayOutputStream> pending = new TreeMap<>();
        final Map<Long, DataOutputStream> pendingData = new TreeMap<>();
        /** Spools whose part is written; deleted at the next commit, once the part's commit is stored. */
        final List<Path> spoolsToDelete = new ArrayList<>();
        long maxDay = Long.MIN_VALUE;

        Kind(String dirName) {
            this.dirName = dirName;
        }

        Path spool(long day) {
            return directory.resolve(SPOOL_DIR).resolve(dirName + "-" + LocalDate.ofEpochDay(day) + ".bin");
        }

        Path dayDir(long day) {
            return directory.resolve(dirName).resolve("date=" + LocalDate.ofEpochDay(day));
        }

        DataOutputStream pending(long day) {
            maxDay = Math.max(maxDay, day);
            return pendingData.computeIfAbsent(day, d -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
                pending.put(d, bytes);
                return new DataOutputStream(bytes);
            });
        }

        Mark mark() {
            Map<Long, Integer> sizes = new TreeMap<>();
            pending.forEach((day, bytes) -> sizes.put(day, bytes.size()));
            return new Mark(sizes, maxDay);
        }

        /** Forgets what a failed write added. */
        void rollback(Mark mark) {
            for (Long day : new ArrayList<>(pending.keySet())) {
                Integer keep = mark.sizes().get(day);
                ByteArrayOutputStream b = pending.get(day);
                if (keep == null) {
                    pending.remove(day);
                    pendingData.remove(day);
                } else if (b.size() > keep) {
                    ByteArrayOutputStream fresh = new ByteArrayOutputStream(Math.max(64, keep));
                    fresh.write(b.toByteArray(), 0, keep);
                    pending.put(day, fresh);
                    pendingData.put(day, new DataOutputStream(fresh));
                }
            }
            maxDay = mark.maxDay();
        }

        void flushSpools() throws IOException {
            for (Map.Entry<Long, ByteArrayOutputStream> e : pending.entrySet()) {
                long day = e.getKey();
                byte[] bytes = e.getValue().toByteArray();
                if (bytes.length == 0) {
                    continue;
                }
                long at = open.getOrDefault(day, 0L);
                try (FileChannel ch = FileChannel.open(spool(day), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf, at + buf.position());
                    }
                    ch.force(false);
                }
                open.put(day, at + bytes.length);
            }
            pending.clear();
            pendingData.clear();
        }

        /** Writes a part for every open day before {@code day}; the part is numbered {@code commit}. */
        void finishDaysBefore(long day, long commit) throws IOException {
            for (Long d : new ArrayList<>(open.headMap(day, false).keySet())) {
                writePart(d, open.get(d), commit);
                open.remove(d);
                spoolsToDelete.add(spool(d));
            }
        }

        /** Deletes the spools of parts written at the previous commit: that commit is stored by now. */
        void deleteStoredSpools() throws IOException {
            for (Path p : pendingDeletes) {
                Files.deleteIfExists(p);
            }
            pendingDeletes.clear();
        }

        /** The spools of parts written at this commit go at the next one. */
        void scheduleDeletes() {
            pendingDeletes.addAll(spoolsToDelete);
            spoolsToDelete.clear();
        }

        /** Spools to delete at the next commit (their part's commit is then known to be stored). */
        final List<Path> pendingDeletes = new ArrayList<>();

        Map<Long, Long> openLengths() {
            return Map.copyOf(open);
        }

        void reset() {
            open.clear();
            pending.clear();
            pendingData.clear();
            spoolsToDelete.clear();
            pendingDeletes.clear();
            maxDay = Long.MIN_VALUE;
        }

        /** At open: keep the committed state, remove everything else. */
        void prepare(long committed, Map<Long, Long> lengths, boolean firstRun, RunKey run) throws IOException {
            reset();
            Path root = directory.resolve(dirName);
            Files.createDirectories(root);
            int removed = 0;
            try (DirectoryStream<Path> days = Files.newDirectoryStream(root)) {
                for (Path dayDir : days) {
                    if (!Files.isDirectory(dayDir)) {
                        continue;
                    }
                    try (DirectoryStream<Path> parts = Files.newDirectoryStream(dayDir)) {
                        for (Path part : parts) {
                            long n = partNumber(part);
                            if (firstRun || n < 0 || n > committed) {
                                Files.delete(part);
                                removed++;
                            }
                        }
                    }
                }
            }
            try (DirectoryStream<Path> spools = Files.newDirectoryStream(directory.resolve(SPOOL_DIR),
                    dirName + "-*.bin")) {
                for (Path s : spools) {
                    String date = s.getFileName().toString().substring(dirName.length() + 1,
                            s.getFileName().toString().length() - 4);
                    long day = LocalDate.parse(date).toEpochDay();
                    Long length = lengths.get(day);
                    if (length == null) {
                        Files.delete(s);
                    } else {
                        try (FileChannel ch = FileChannel.open(s, StandardOpenOption.WRITE)) {
                            if (ch.size() < length) {
                                throw new IOException("spool " + s + " is " + ch.size() + " bytes long but " + length
                                        + " were committed: it was changed outside synth");
                            }
                            ch.truncate(length);
                            ch.force(false);
                        }
                    }
                }
            }
            for (Map.Entry<Long, Long> e : lengths.entrySet()) {
                if (!Files.exists(spool(e.getKey()))) {
                    throw new IOException("spool " + spool(e.getKey()) + " is missing but " + e.getValue()
                            + " bytes of it were committed");
                }
                open.put(e.getKey(), e.getValue());
                maxDay = Math.max(maxDay, e.getKey());
            }
            if (removed > 0 && firstRun) {
                LOG.warn("[{}] removed {} Parquet part(s) of another run from {}", run, removed, root);
            } else if (removed > 0) {
                LOG.info("[{}] removed {} uncommitted Parquet part(s) from {}", run, removed, root);
            }
        }

        private void writePart(long day, long length, long commit) throws IOException {
            Path dir = dayDir(day);
            Files.createDirectories(dir);
            String partName = String.format(java.util.Locale.ROOT, "part-%05d.parquet", commit);
            Path tmp = dir.resolve("." + partName + ".tmp");
            Files.deleteIfExists(tmp);
            boolean isLog = dirName.equals(LOG_DIR);
            try (InputStream raw = Files.newInputStream(spool(day));
                 DataInputStream in = new DataInputStream(new BufferedInputStream(
                         new BoundedInputStream(raw, length), 1 << 16));
                 ParquetRows.Writer writer = ParquetRows.open(tmp, isLog)) {
                while (true) {
                    long ts;
                    try {
                        ts = in.readLong();
                    } catch (EOFException end) {
                        break;
                    }
                    if (isLog) {
                        writer.log(ts, readStr(in), readStr(in), readStr(in), in.readBoolean(), in.readInt(),
                                in.readInt(), readStr(in), readBytes(in));
                    } else {
                        writer.catalog(ts, readStr(in), readBytes(in));
                    }
                }
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(partName), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot sync directory {}: {}", dir, e.toString());
            }
        }
    }

    /** Where a step's write started, to undo it. */
    private record Mark(Map<Long, Integer> sizes, long maxDay) {
    }

    /** The commit number in a part's name, or -1 when the file is not a part (e.g. a temporary file). */
    private static long partNumber(Path file) {
        String n = file.getFileName().toString();
        if (!n.startsWith("part-") || !n.endsWith(".parquet")) {
            return -1;
        }
        try {
            return Long.parseLong(n.substring(5, n.length() - 8));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readStr(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    private void checkUsable() {
        if (run == null) {
            throw new IllegalStateException(this + " is not open");
        }
        if (failed) {
            throw new SinkException(prefix() + "an earlier I/O error left the output in an unknown state; reopen"
                    + " the sink to resume from the last commit");
        }
    }

    private String prefix() {
        return "[" + run + "] parquet sink '" + name + "': ";
    }

    /** Reads at most {@code limit} bytes: a spool's committed part. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** What {@link #commit()} returns. */
    record Position(long commits, Map<Long, Long> log, Map<Long, Long> catalog) {
        static Position parse(String text, String prefix) {
            try {
                String[] parts = text.split(";", -1);
                if (parts.length == 3 && parts[0].startsWith("commits=") && parts[1].startsWith("log=")
                        && parts[2].startsWith("catalog=")) {
                    return new Position(Long.parseLong(parts[0].substring(8)), days(parts[1].substring(4)),
                            days(parts[2].substring(8)));
                }
            } catch (RuntimeException e) {
                // reported below
            }
            throw new SinkException(prefix + "the committed position '" + text + "' is not one of a parquet sink"
                    + " (expected commits=<n>;log=<date>:<bytes>,...;catalog=...); was it stored by another kind of"
                    + " sink?");
        }

        private static Map<Long, Long> days(String text) {
            Map<Long, Long> m = new TreeMap<>();
            if (!text.isEmpty()) {
                for (String entry : text.split(",")) {
                    int colon = entry.lastIndexOf(':');
                    m.put(LocalDate.parse(entry.substring(0, colon)).toEpochDay(),
                            Long.parseLong(entry.substring(colon + 1)));
                }
            }
            return m;
        }

        private static String text(Map<Long, Long> m) {
            StringBuilder sb = new StringBuilder();
            new TreeMap<>(m).forEach((day, len) -> {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(LocalDate.ofEpochDay(day)).append(':').append(len);
            });
            return sb.toString();
        }

        @Override
        public String toString() {
            return "commits=" + commits + ";log=" + text(log) + ";catalog=" + text(catalog);
        }
    }
}
