package dev.synth.output.csv;

import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import java.io.IOException;

/** How a {@link TextFileSink} renders rows: CSV ({@link CsvFormat}) or JSON Lines ({@link JsonLinesFormat}). */
interface RowFormat {
    /** The log file's header, if the format has one. */
    void writeLogHeader(OutBuffer out) throws IOException;

    /** The catalog file's header, if the format has one. */
    void writeCatalogHeader(OutBuffer out) throws IOException;

    /** One log event, line end included. */
    void writeLogRow(OutBuffer out, LogEvent e) throws IOException;

    /** One catalog event, line end included. */
    void writeCatalogRow(OutBuffer out, CatalogEvent e) throws IOException;
}
