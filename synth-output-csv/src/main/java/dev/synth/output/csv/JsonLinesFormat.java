package dev.synth.output.csv;

import dev.synth.event.CatalogEvent;
import dev.synth.event.EventJson;
import dev.synth.event.JsonBuffer;
import dev.synth.event.LogEvent;
import java.io.IOException;

/** JSON Lines: one {@link EventJson} object per line, {@code \n} line ends, no header. Not thread-safe. */
final class JsonLinesFormat implements RowFormat {
    private final JsonBuffer line = new JsonBuffer(512);

    @Override
    public void writeLogHeader(OutBuffer out) {
    }

    @Override
    public void writeCatalogHeader(OutBuffer out) {
    }

    @Override
    public void writeLogRow(OutBuffer out, LogEvent e) throws IOException {
        line.reset();
        EventJson.writeLog(line, e);
        line.put((byte) '\n');
        out.put(line.array(), 0, line.size());
    }

    @Override
    public void writeCatalogRow(OutBuffer out, CatalogEvent e) throws IOException {
        line.reset();
        EventJson.writeCatalog(line, e);
        line.put((byte) '\n');
        out.put(line.array(), 0, line.size());
    }
}
