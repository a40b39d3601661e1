package dev.synth.engine;

import dev.synth.event.CatalogType;
import dev.synth.config.SimulationConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fingerprint of a run: every setting of a configuration that shapes the events a run stores, as a
 * sorted map from key path ({@code users.population.initial_count}) to value. It is stored with the run's
 * state; a later run that would resume it with a different fingerprint is refused, naming the keys that
 * changed, so a changed configuration never silently continues (or silently skips) a stored run.
 *
 * <p>Left out: where things go and how they are delivered ({@code sink_types}, file names, {@code output_dir},
 * {@code outputs}, {@code db_uri}, {@code api_url}, {@code api_key}, {@code filter_log_events_for_csv}), notification and retry switches,
 * settings without effect ({@code env}, {@code session_event_type_changes_*}), the end of the run (a later
 * run may go further) and the seed (stored with the run and compared on its own).
 */
public final class RunIdentity {
    private static final Set<String> NOT_SHAPING = Set.of("global.env", "global.api_url", "global.api_key",
            "global.notify_enabled", "global.sink_types", "global.end_ts", "global.db_uri",
            "global.log_events_filename", "global.catalog_events_filename", "global.filter_log_events_for_csv",
            "global.cache_logs_on_failure", "global.seed", "global.output_dir", "source_file");
    /** Per-sink output settings ({@code global.outputs.<type>....}) say where events go, not what they are. */
    private static final String OUTPUTS = "global.outputs";

    private RunIdentity() {
    }

    /** The settings of {@code config} that shape events, by key path, in key order. */
    public static SortedMap<String, String> of(SimulationConfig config) {
        SortedMap<String, String> out = new TreeMap<>();
        flatten("", config, out);
        out.keySet().removeIf(k -> NOT_SHAPING.contains(k) || k.equals(OUTPUTS) || k.startsWith(OUTPUTS + ".")
                || k.contains("session_event_type_changes_"));
        return out;
    }

    /**
     * One line per setting that differs, e.g. {@code users.population.initial_count is 60, but the stored run
     * was started with 50}; empty when the two fingerprints are equal.
     */
    public static List<String> differences(Map<String, String> stored, Map<String, String> current) {
        SortedMap<String, String> keys = new TreeMap<>(stored);
        current.forEach(keys::putIfAbsent);
        List<String> lines = new ArrayList<>();
        for (String key : keys.keySet()) {
            String was = stored.get(key);
            String now = current.get(key);
            if (was == null) {
                lines.add(key + " is " + now + ", but the stored run was started without it");
            } else if (now == null) {
                lines.add(key + " is not set, but the stored run was started with " + was);
            } else if (!was.equals(now)) {
                lines.add(key + " is " + now + ", but the stored run was started with " + was);
            }
        }
        return lines;
    }

    private static void flatten(String path, Object value, Map<String, String> out) {
        if (value instanceof Optional<?> o) {
            value = o.orElse(null);
        } else if (value instanceof OptionalLong o) {
            value = o.isPresent() ? o.getAsLong() : null;
        } else if (value instanceof OptionalInt o) {
            value = o.isPresent() ? o.getAsInt() : null;
        } else if (value instanceof OptionalDouble o) {
            value = o.isPresent() ? o.getAsDouble() : null;
        }
        if (value != null && value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                String name = snake(c.getName());
                if (path.isEmpty() && (name.equals("population") || name.equals("profiles"))) {
                    name = "users." + name;
                }
                flatten(path.isEmpty() ? name : path + "." + name, read(c, value), out);
            }
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.put(path, "{}");
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = e.getKey() instanceof CatalogType t ? t.configName() : e.getKey();
                flatten(path + "." + key, e.getValue(), out);
            }
        } else if (value instanceof Collection<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(String.valueOf(item));
            }
            out.put(path, items.toString());
        } else {
            out.put(path, String.valueOf(value));
        }
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c + " of " + record.getClass().getName(), e);
        }
    }

    private static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 8);
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
