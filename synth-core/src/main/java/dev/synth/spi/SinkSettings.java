package dev.synth.spi;

import dev.synth.ConfigException;
import dev.synth.config.ConfigProblem;
import dev.synth.config.SimulationConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one sink type's settings, {@code global.outputs.<type>}, for an {@link EventSinkProvider}: every key is
 * checked against the keys the provider knows, and every problem is named with its key path
 * ({@code global.outputs.kafka.bootstrap_servers}). Collect the values, then call {@link #check()}, which throws
 * one {@link ConfigException} listing every problem. Not thread-safe.
 *
 * <pre>{@code
 * SinkSettings s = SinkSettings.of(config, "jsonl", Set.of("log_file", "catalog_file", "compression"));
 * Optional<String> compression = s.string("compression");
 * s.check();
 * }</pre>
 */
public final class SinkSettings {
    private final SimulationConfig config;
    private final String type;
    private final Map<String, Object> values;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private SinkSettings(SimulationConfig config, String type, Map<String, Object> values) {
        this.config = config;
        this.type = type;
        this.values = values;
    }

    /**
     * The settings of sink type {@code type}; keys not in {@code knownKeys} are problems.
     *
     * @param knownKeys every key the sink reads
     */
    public static SinkSettings of(SimulationConfig config, String type, Set<String> knownKeys) {
        Object section = config.global().outputs().get(type);
        Map<String, Object> values = new LinkedHashMap<>();
        SinkSettings s = new SinkSettings(config, type, values);
        if (section instanceof Map<?, ?> m) {
            m.forEach((k, v) -> values.put(String.valueOf(k), v));
        } else if (section != null) {
            s.problem("", section, "must be a mapping of the " + type + " sink's settings");
        }
        for (String key : values.keySet()) {
            if (!knownKeys.contains(key)) {
                s.problems.add(new ConfigProblem(s.key(key), null, "is not a known key of the " + type
                        + " sink; known keys: " + String.join(", ", new TreeSet<>(knownKeys))));
            }
        }
        return s;
    }

    /** The sink type, e.g. {@code jsonl}. */
    public String type() {
        return type;
    }

    /** The configuration the settings belong to. */
    public SimulationConfig config() {
        return config;
    }

    /** The full path of a key, e.g. {@code global.outputs.kafka.bootstrap_servers}. */
    public String key(String key) {
        return "global.outputs." + type + (key.isEmpty() ? "" : "." + key);
    }

    /** Whether the key is set (to anything but {@code null}). */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** A string value (numbers and booleans are accepted as their text). */
    public Optional<String> string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            problem(key, v, "must be a single value, not a mapping or list");
            return Optional.empty();
        }
        return Optional.of(String.valueOf(v));
    }

    /** A whole number within {@code [min, max]}. */
    public Optional<Long> integer(String key, long min, long max) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else {
            problem(key, v, "must be a whole number");
            return Optional.empty();
        }
        if (n < min || n > max) {
            problem(key, v, "must be in [" + min + ", " + max + "]");
            return Optional.empty();
        }
        return Optional.of(n);
    }

    /** A mapping of strings to strings (values' text), e.g. Kafka producer overrides; empty when not set. */
    public Map<String, String> stringMap(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            problem(key, v, "must be a mapping");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, x) -> {
            if (x instanceof Map<?, ?> || x instanceof List<?>) {
                problems.add(new ConfigProblem(key(key) + "." + k, null, "must be a single value"));
            } else {
                out.put(String.valueOf(k), x == null ? null : String.valueOf(x));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** {@code global.output_dir}, resolved against the configuration file's folder, if set. */
    public Optional<Path> outputDir() {
        return config.global().outputDir().map(d -> config.resolve(d).toAbsolutePath().normalize());
    }

    /** A path resolved against the configuration file's folder. */
    public Path resolve(String path) {
        return config.resolve(path).toAbsolutePath().normalize();
    }

    /** Records a problem with a key of this sink. */
    public void problem(String key, Object value, String rule) {
        problems.add(new ConfigProblem(key(key), value, rule));
    }

    /** Records a problem with any key (e.g. {@code global.log_events_filename}). */
    public void problem(ConfigProblem problem) {
        problems.add(problem);
    }

    /** The problems so far. */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /** Throws one {@link ConfigException} listing every problem, if there is any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new ConfigException(config.sourceFile().map(Object::toString).orElse(null), problems);
        }
    }
}
