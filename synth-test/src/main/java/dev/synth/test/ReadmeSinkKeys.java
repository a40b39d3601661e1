package dev.synth.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a README documents for a sink type in its {@code global.outputs.<type>} table (rows
 * {@code | `key` | `type` | default | meaning |}), so that each sink module's tests can hold the README against the
 * keys its provider reads.
 */
public final class ReadmeSinkKeys {
    private static final String HEADING = "#### `global.outputs.<type>`";

    private ReadmeSinkKeys() {
    }

    /** The documented keys of {@code sinkType} in the README at {@code readme}. */
    public static Set<String> of(Path readme, String sinkType) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int start = lines.indexOf(HEADING);
        if (start < 0) {
            throw new IllegalStateException(readme + " has no heading " + HEADING);
        }
        Set<String> keys = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            String[] cells = line.split("\\|");
            if (line.startsWith("| `") && cells.length > 2 && cells[2].trim().equals("`" + sinkType + "`")) {
                keys.add(cells[1].trim().replace("`", ""));
            }
        }
        return keys;
    }
}
