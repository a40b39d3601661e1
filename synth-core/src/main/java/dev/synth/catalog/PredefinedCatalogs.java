package dev.synth.catalog;

import dev.synth.ConfigException;
import dev.synth.event.CatalogType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catalog entries given in advance as CSV files (reference 8.2): {@code <base>/<simulation_profile>/<type>.csv},
 * for example {@code data/catalog/example_company/drug.csv}.
 *
 * <p><b>Format.</b> UTF-8; cells separated by {@code |}; the first row names the columns; every other non-blank
 * row is one entry. A cell may be quoted with {@code "} (then it may contain {@code |}, commas and line breaks,
 * and {@code ""} stands for one quote). Column names and values are trimmed. The columns are the generator's
 * parameters of the type ({@link CatalogGenerator#predefinableColumns(CatalogType)}); a column that is absent,
 * or a cell that is empty, is generated randomly as usual. {@code active_ingredients} is split on commas with
 * blank parts dropped: {@code "allopurinol,"} gives {@code ["allopurinol"]}. The uuid and price are always
 * generated.
 *
 * <p><b>Which types.</b> Only the four shop item types ({@code drug}, {@code blood}, {@code oxygen},
 * {@code medical_equipment}) can be predefined; a file for another type is a {@link ConfigException}, as is a
 * malformed file (unknown column, wrong cell count, unclosed quote), the message naming the file and line. A
 * missing directory or file simply means "no predefined entries".
 *
 * <p>Stateless and thread-safe; the {@link CatalogGenerator} passed in is not.
 */
public final class PredefinedCatalogs {
    private static final Logger LOG = LoggerFactory.getLogger(PredefinedCatalogs.class);
    private static final char SEPARATOR = '|';
    private static final char QUOTE = '"';

    private PredefinedCatalogs() {}

    /** {@code base/simulationProfile}: the directory holding one simulation profile's CSV files. */
    public static Path profileDirectory(Path base, String simulationProfile) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(simulationProfile, "simulationProfile");
        return base.resolve(simulationProfile);
    }

    /** The file that predefines {@code type} in {@code directory}: {@code <directory>/<type config name>.csv}. */
    public static Path file(Path directory, CatalogType type) {
        return directory.resolve(type.configName() + ".csv");
    }

    /**
     * The predefined entries of {@code type} in {@code directory} (a profile directory), in file order; entry
     * {@code i} is {@code generator.shopItem(type, i, row i)}. Empty when the directory or the file is missing.
     *
     * @throws ConfigException if the file cannot be read, is malformed, or exists for a type that cannot be
     *     predefined
     */
    public static List<CatalogItem> load(Path directory, CatalogType type, CatalogGenerator generator) {
        Objects.requireNonNull(generator, "generator");
        List<Map<String, String>> rows = read(directory, type);
        List<CatalogItem> items = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            items.add(generator.shopItem(type, i, rows.get(i)));
        }
        return Collections.unmodifiableList(items);
    }

    /**
     * The rows of {@code type}'s file as column -> trimmed value maps in column order, empty cells left out.
     * Empty when the directory or the file is missing.
     *
     * @throws ConfigException as {@link #load}
     */
    public static List<Map<String, String>> read(Path directory, CatalogType type) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(type, "type");
        if (!Files.isDirectory(directory)) {
            LOG.debug("No predefined catalog directory {}: no predefined {} entries", directory, type.configName());
            return List.of();
        }
        Path file = file(directory, type);
        if (!Files.isRegularFile(file)) {
            LOG.debug("No predefined catalog file {}", file);
            return List.of();
        }
        Set<String> allowed = CatalogGenerator.predefinableColumns(type);
        if (allowed.isEmpty()) {
            throw new ConfigException(file + ": " + type.configName()
                    + " entries cannot be predefined; only drug, blood, oxygen and medical_equipment can");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<Row> records = parse(file, text);
        if (records.isEmpty()) {
            return List.of();
        }
        Row header = records.get(0);
        List<String> columns = new ArrayList<>(header.cells.size());
        for (String raw : header.cells) {
            String column = raw.strip();
            if (!allowed.contains(column)) {
                throw new ConfigException(file + " line " + header.line + ": unknown column '" + column + "' for "
                        + type.configName() + "; known columns: " + String.join(", ", allowed));
            }
            if (columns.contains(column)) {
                throw new ConfigException(file + " line " + header.line + ": column '" + column + "' appears twice");
            }
            columns.add(column);
        }
        List<Map<String, String>> rows = new ArrayList<>(records.size() - 1);
        for (Row record : records.subList(1, records.size())) {
            if (record.cells.size() != columns.size()) {
                throw new ConfigException(file + " line " + record.line + ": " + record.cells.size()
                        + " cells but the header has " + columns.size() + " columns");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                String value = record.cells.get(c).strip();
                if (!value.isEmpty()) {
                    row.put(columns.get(c), value);
                }
            }
            rows.add(Collections.unmodifiableMap(row));
        }
        LOG.debug("Read {} predefined {} entries from {}", rows.size(), type.configName(), file);
        return Collections.unmodifiableList(rows);
    }

    private record Row(int line, List<String> cells) {}

    /** Splits the text into rows of raw cells, skipping blank lines; quoted cells may span lines. */
    private static List<Row> parse(Path file, String text) {
        List<Row> rows = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int n = text.length();
        while (i < n) {
            int rowLine = line;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quotedRow = false;
            boolean endOfRow = false;
            while (!endOfRow) {
                // start of a cell: skip leading blanks only to find an opening quote
                int start = i;
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && text.charAt(i) == QUOTE) {
                    quotedRow = true;
                    int quoteLine = line;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new ConfigException(file + " line " + quoteLine + ": unclosed quote");
                        }
                        char ch = text.charAt(i);
                        if (ch == QUOTE) {
                            if (i + 1 < n && text.charAt(i + 1) == QUOTE) {
                                cell.append(QUOTE);
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (ch == '\n') {
                            line++;
                        }
                        cell.append(ch);
                        i++;
                    }
                    while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                        i++;
                    }
                    if (i < n && text.charAt(i) != SEPARATOR && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw new ConfigException(file + " line " + line
                                + ": unexpected text after a closing quote (quote the whole cell and write \"\" for a"
                                + " quote inside it)");
                    }
                } else {
                    i = start;
                    while (i < n && text.charAt(i) != SEPARATOR && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        cell.append(text.charAt(i));
                        i++;
                    }
                }
                cells.add(cell.toString());
                cell.setLength(0);
                if (i < n && text.charAt(i) == SEPARATOR) {
                    i++;
                } else {
                    if (i < n && text.charAt(i) == '\r') {
                        i++;
                    }
                    if (i < n && text.charAt(i) == '\n') {
                        i++;
                    }
                    line++;
                    endOfRow = true;
                }
            }
            boolean blank = !quotedRow && cells.size() == 1 && cells.get(0).isBlank();
            if (!blank) {
                rows.add(new Row(rowLine, List.copyOf(cells)));
            }
        }
        return rows;
    }
}
