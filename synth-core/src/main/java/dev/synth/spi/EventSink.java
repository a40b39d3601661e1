package dev.synth.spi;

import dev.synth.event.CatalogEvent;
import dev.synth.event.LogEvent;
import java.util.List;
import java.util.Optional;

/**
 * Where events go. The engine calls, on one thread and in this order: {@link #open} once, then for every
 * simulated step {@link #write} once or more (a busy step comes in slices, in order) followed by {@link #commit},
 * and finally {@link #close}.
 *
 * <p>Exactly-once output (DECISIONS D8): {@code commit} returns an opaque position that the engine stores
 * atomically with the step's state. When a run resumes, {@code open} receives the position of the last
 * committed step and the sink brings its output back to it (a CSV sink truncates its files), so a step that
 * was written but never committed is written again, not duplicated.
 */
public interface EventSink extends AutoCloseable {

    /** A stable name under which this sink's position is stored, e.g. {@code csv}. Unique per simulation. */
    String name();

    /**
     * Prepares the output. {@code committedPosition} is what {@link #commit} returned at the last committed step
     * of this run, or empty on a first run.
     */
    default void open(RunKey run, Optional<String> committedPosition) {
    }

    /**
     * Writes one step's events, or the next slice of them: what is written between two commits is one step, in
     * output order - by timestamp, then generation order (D5) - and so is each list. The lists and events must
     * not be modified.
     */
    void write(List<LogEvent> logEvents, List<CatalogEvent> catalogEvents);

    /** Makes everything written so far durable and returns the position to resume from. Default: empty. */
    default String commit() {
        return "";
    }

    /**
     * What this sink has written since {@link #open}, if it counts: a sink that leaves events out (the CSV sink
     * with {@code filter_log_events_for_csv}) reports what it really wrote. Default: empty, meaning it wrote
     * every event it was given. Read once, after the last {@link #commit}.
     */
    default Optional<SinkCount> written() {
        return Optional.empty();
    }

    /**
     * The files this sink writes, and the folders it writes into ({@link OutputFile#folder}), if any. Checked
     * when the simulation is built, before anything is created: each must be creatable and writable, and
     * distinct from the others, from the state database and from the configuration file; nothing of those may
     * lie inside a folder. Default: none.
     */
    default List<OutputFile> outputFiles() {
        return List.of();
    }

    /** Releases resources. Called once, also after a failure. */
    @Override
    default void close() {
    }
}
