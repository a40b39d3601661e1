package dev.synth.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synth.SimulationResult;
import dev.synth.spi.SinkCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The summary of a run as JSON ({@code run --summary-json FILE}), for scripts. */
final class Summaries {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Summaries() {
    }

    /**
     * The result as one JSON object: {@code run}, {@code status} ({@code completed} / {@code stopped}),
     * {@code reason}, {@code seed}, {@code resumed}, {@code simulated_from}, {@code simulated_to}, {@code steps},
     * {@code log_events}, {@code catalog_events}, {@code sinks} (per sink: {@code log_events},
     * {@code catalog_events} written), {@code active_users}, {@code inactive_users}, {@code wall_seconds},
     * {@code log_events_per_second}.
     */
    static ObjectNode toJson(SimulationResult r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("run", r.run().toString());
        o.put("organisation", r.run().organisation());
        o.put("project", r.run().project());
        o.put("status", r.completed() ? "completed" : "stopped");
        o.put("reason", r.reason());
        o.put("seed", r.seed());
        o.put("resumed", r.resumed());
        o.put("simulated_from", r.simulatedFrom().toString());
        o.put("simulated_to", r.simulatedTo().toString());
        o.put("steps", r.steps());
        o.put("log_events", r.logEvents());
        o.put("catalog_events", r.catalogEvents());
        ObjectNode sinks = o.putObject("sinks");
        for (Map.Entry<String, SinkCount> e : new java.util.TreeMap<>(r.sinks()).entrySet()) {
            sinks.putObject(e.getKey()).put("log_events", e.getValue().logEvents())
                    .put("catalog_events", e.getValue().catalogEvents());
        }
        o.put("active_users", r.activeUsers());
        o.put("inactive_users", r.inactiveUsers());
        o.put("wall_seconds", r.wallTime().toMillis() / 1000.0);
        o.put("log_events_per_second", Math.round(r.logEventsPerSecond()));
        return o;
    }

    /** Writes {@link #toJson} to {@code file} (creating its folder). */
    static void writeJson(SimulationResult r, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, MAPPER.writeValueAsString(toJson(r)) + "\n");
        } catch (IOException e) {
            throw new dev.synth.SynthException("cannot write the summary to " + file + ": " + e.getMessage(), e);
        }
    }
}
