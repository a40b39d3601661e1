package dev.synth.flink;

import dev.synth.Simulation;
import dev.synth.config.SimulationConfig;
import dev.synth.event.CatalogEvent;
import dev.synth.event.EventJson;
import dev.synth.event.LogEvent;
import dev.synth.output.csv.CsvEventSink;
import dev.synth.spi.MemorySink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Rows and Kafka records of the single-JVM run and of the job's committed part files and topics, and ways to
 * compare them.
 */
final class Outputs {
    private Outputs() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Outputs.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }

    /**
     * The log rows (no header) the single-JVM runner writes for {@code config} on 2 threads; its events also go to
     * {@code events}.
     */
    static List<String> singleJvmRows(Path config, Path dir, String file, MemorySink events) {
        SimulationConfig c = SimulationConfig.fromYaml(config);
        Simulation.builder().config(c).threads(2).addSink(CsvEventSink.to(dir)).addSink(events).build().run();
        return rows(dir.resolve(file));
    }

    /**
     * A Kafka record as text, {@code <key> <timestamp> <value>}: what the {@code kafka} sink writes for a log
     * event - key = user id, timestamp = event time (ms), value = {@link EventJson}'s JSON object.
     */
    static String record(LogEvent e) {
        return record(e.userId(), Math.floorDiv(e.timeMicros(), 1000L), EventJson.log(e));
    }

    /** {@link #record(LogEvent)} of a catalog event: key = {@code <subject_type>:<id>}. */
    static String record(CatalogEvent e) {
        return record(e.key(), Math.floorDiv(e.timeMicros(), 1000L), EventJson.catalog(e));
    }

    /** {@link #record(LogEvent)} of a record read from a topic (key and value UTF-8). */
    static String record(ConsumerRecord<String, String> r) {
        return record(r.key(), r.timestamp(), r.value());
    }

    private static String record(String key, long timestamp, String value) {
        return key + " " + timestamp + " " + value;
    }

    /** Each key's {@link #record}s in their order. */
    static Map<String, List<String>> byKey(List<String> records) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String r : records) {
            keys.computeIfAbsent(r.substring(0, r.indexOf(' ')), k -> new ArrayList<>()).add(r);
        }
        return keys;
    }

    /** The rows of a CSV file without its header. */
    static List<String> rows(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\r\n")));
            lines.remove(0);
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rows of the committed part files {@code <prefix>-<writer>-<n>.csv} of {@code dir} (in-progress and
     * pending files start with a dot and are ignored), each writer's parts in order.
     */
    static List<String> committedRows(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith(prefix + "-"))
                    .filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .sorted(Comparator.comparing((Path p) -> writer(p)).thenComparingLong(Outputs::partNumber))
                    .toList();
            List<String> rows = new ArrayList<>();
            for (Path part : parts) {
                rows.addAll(rows(part));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String writer(Path p) {
        String name = p.getFileName().toString();
        return name.substring(0, name.lastIndexOf('-'));
    }

    private static long partNumber(Path p) {
        String name = p.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - ".csv".length()));
    }

    /** Each user's rows in their order, by {@code u_id} (the first column). */
    static Map<String, List<String>> byUser(List<String> rows) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (String row : rows) {
            users.computeIfAbsent(row.substring(0, row.indexOf(',')), u -> new ArrayList<>()).add(row);
        }
        return users;
    }

    static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }
}
