package dev.synth.spi;

import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps every event in memory (reference 7.4); for tests and for host applications that consume events
 * directly. Its lists are live views in write order. Not thread-safe.
 */
public final class MemorySink implements EventSink {
    private final String name;
    private final List<LogEvent> logEvents = new ArrayList<>();
    private final List<CatalogEvent> catalogEvents = new ArrayList<>();

    public MemorySink() {
        this("memory");
    }

    public MemorySink(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(List<LogEvent> logs, List<CatalogEvent> catalogs) {
        logEvents.addAll(logs);
        catalogEvents.addAll(catalogs);
    }

    public List<LogEvent> logEvents() {
        return Collections.unmodifiableList(logEvents);
    }

    public List<CatalogEvent> catalogEvents() {
        return Collections.unmodifiableList(catalogEvents);
    }

    public void clear() {
        logEvents.clear();
        catalogEvents.clear();
    }
}
