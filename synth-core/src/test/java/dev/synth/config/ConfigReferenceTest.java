package dev.synth.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.CatalogType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference cannot drift from the code: its tables list exactly the keys the YAML loader
 * accepts, the free-form property keys the generators read, and the defaults the records use.
 */
class ConfigReferenceTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    /** One table row: the full key path, the types column of a property table, the default cell. */
    record Row(String path, List<String> types, String defaultCell) {
        boolean isProperty() {
            return path.contains(".properties.");
        }

        /** A key of {@code global.outputs.<type>}: each sink module's tests check these against its provider. */
        boolean isSinkSetting() {
            return path.startsWith("global.outputs.");
        }
    }

    static List<String> code(String text) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    static List<Row> readmeRows() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf("## Configuration reference");
        assertThat(start).as("README has a '## Configuration reference' section").isNotNegative();
        List<Row> rows = new ArrayList<>();
        List<String> prefixes = List.of();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("#")) {
                prefixes = code(line).stream().filter(s -> s.matches("(global|users|catalogs)\\b.*")).toList();
            } else if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                String key = code(cells[1]).get(0);
                for (String prefix : prefixes) {
                    if (prefix.endsWith(".properties")) {
                        rows.add(new Row(prefix + "." + key, code(cells[2]), cells[3].trim()));
                    } else {
                        rows.add(new Row(prefix + "." + key, List.of(), cells[2].trim()));
                    }
                }
            }
        }
        return rows;
    }

    @Test
    @DisplayName("every key the YAML loader accepts is in the README's reference, and every key there is accepted")
    void keys() throws IOException {
        Set<String> documented = readmeRows().stream().filter(r -> !r.isProperty() && !r.isSinkSetting())
                .map(Row::path)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> accepted = YamlConfigLoader.acceptedKeys();
        assertThat(accepted).hasSizeGreaterThan(100);
        Set<String> undocumented = new TreeSet<>(accepted);
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(accepted);
        assertThat(undocumented).as("accepted by the loader but missing from the README").isEmpty();
        assertThat(unknown).as("in the README but not accepted by the loader").isEmpty();
    }

    @Test
    @DisplayName("the README's property tables list exactly the event and catalog properties read, with their defaults")
    void properties() throws IOException {
        Set<String> documentedEvents = new TreeSet<>();
        Set<String> documentedCatalogs = new TreeSet<>();
        for (Row r : readmeRows()) {
            if (r.isProperty()) {
                String key = r.path().substring(r.path().lastIndexOf('.') + 1);
                double value = Double.parseDouble(code(r.defaultCell()).get(0));
                Set<String> target = r.path().startsWith("catalogs.") ? documentedCatalogs : documentedEvents;
                r.types().forEach(t -> target.add(t + "." + key + "=" + value));
            }
        }
        Set<String> events = new TreeSet<>();
        for (String type : EventConfig.EVENT_TYPES) {
            KnownProperties.ofEvent(type).forEach((k, v) -> events.add(type + "." + k + "=" + v.doubleValue()));
        }
        Set<String> catalogs = new TreeSet<>();
        for (CatalogType type : CatalogType.values()) {
            KnownProperties.ofCatalog(type).forEach((k, v) -> catalogs.add(type.configName() + "." + k + "="
                    + v.doubleValue()));
        }
        assertThat(documentedEvents).isEqualTo(events);
        assertThat(documentedCatalogs).isEqualTo(catalogs);
    }

    @Test
    @DisplayName("each default written in the README is the real default: setting it changes nothing")
    void defaults() throws IOException {
        SimulationConfig baseline = SimulationConfig.fromYaml(yaml(new LinkedHashMap<>()), "baseline.yml");
        List<String> checked = new ArrayList<>();
        for (Row r : readmeRows()) {
            List<String> spans = code(r.defaultCell());
            if (r.isProperty() || r.isSinkSetting() || spans.isEmpty() || r.path().endsWith(".properties")) {
                continue; // free-form, described in words, or checked above
            }
            String value = spans.get(0);
            if (value.matches("\\d{4}-.*")) {
                value = "\"" + value + "\"";
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            put(doc, r.path().replace("<name>", "p").replace("events.<type>", "events.page")
                    .replace("<type>", "app"), value);
            SimulationConfig withDefault = SimulationConfig.fromYaml(yaml(doc), r.path() + ".yml");
            assertThat(withDefault).as("%s: %s is not its default", r.path(), value).isEqualTo(baseline);
            checked.add(r.path());
        }
        assertThat(checked).hasSizeGreaterThan(90);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> doc, String path, String value) {
        String[] parts = path.split("\\.");
        Map<String, Object> m = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            m = (Map<String, Object>) m.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        m.put(parts[parts.length - 1], value);
    }

    /** The document with the minimal required sections added (a population and a profile {@code p}). */
    @SuppressWarnings("unchecked")
    private static String yaml(Map<String, Object> doc) {
        Map<String, Object> users = (Map<String, Object>) doc.computeIfAbsent("users", k -> new LinkedHashMap<>());
        users.putIfAbsent("population", new LinkedHashMap<>());
        Map<String, Object> profiles = (Map<String, Object>) users.computeIfAbsent("profiles",
                k -> new LinkedHashMap<>());
        profiles.putIfAbsent("p", new LinkedHashMap<>());
        StringBuilder sb = new StringBuilder();
        render(doc, "", sb);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void render(Map<String, Object> m, String indent, StringBuilder sb) {
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> child) {
                if (child.isEmpty()) {
                    sb.append(indent).append(k).append(": {}\n");
                } else {
                    sb.append(indent).append(k).append(":\n");
                    render((Map<String, Object>) child, indent + "  ", sb);
                }
            } else {
                sb.append(indent).append(k).append(": ").append(v).append('\n');
            }
        });
    }
}
