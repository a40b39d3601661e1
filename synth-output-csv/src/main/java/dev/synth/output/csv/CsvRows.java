package dev.synth.output.csv;

import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The rows of {@link CsvEventSink}, one event at a time, for writers that manage files themselves (e.g. a
 * stream processor's file sink): the same bytes the sink writes for the event - UTF-8, RFC 4180 quoting,
 * {@code \r\n} line end included (see {@link CsvEventSink} for the format). Not thread-safe: one instance per
 * writer.
 */
public final class CsvRows {
    /** The log file's header row, line end included. */
    public static final byte[] LOG_HEADER = CsvFormat.LOG_HEADER.getBytes(StandardCharsets.US_ASCII);
    /** The catalog file's header row, line end included. */
    public static final byte[] CATALOG_HEADER = CsvFormat.CATALOG_HEADER.getBytes(StandardCharsets.US_ASCII);

    private final CsvFormat format = new CsvFormat();
    private final OutBuffer buffer = new OutBuffer(512);

    /**
     * The log row of {@code event}.
     *
     * @throws IllegalArgumentException when a props value is not a JSON value (see {@link CsvEventSink})
     */
    public byte[] logRow(LogEvent event) {
        buffer.reset();
        try {
            format.writeLogRow(buffer, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return buffer.toByteArray();
    }

    /** The catalog row of {@code event}; see {@link #logRow}. */
    public byte[] catalogRow(CatalogEvent event) {
        buffer.reset();
        try {
            format.writeCatalogRow(buffer, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

}
