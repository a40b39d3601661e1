package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.event.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a data engineer loads: {@code run --output-dir} with {@code sink_types: [csv, jsonl, parquet]} writes the
 * same events three ways, and DuckDB reads each as a table.
 */
class OutputFormatsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("run --output-dir with [csv, jsonl, parquet]: DuckDB reads the same (ts, type, u_id) rows from all three")
    void sameEventsThreeWays() throws Exception {
        Path config = dir.resolve("three.yml");
        String yaml = Files.readString(Path.of("config/session_project.yml"), StandardCharsets.UTF_8)
                .replace("sink_types: [ \"csv\" ]", "sink_types: [ csv, jsonl, parquet ]")
                .replace("\"../data/catalog\"", "\"" + Path.of("data/catalog").toAbsolutePath() + "\"");
        assertThat(yaml).contains("[ csv, jsonl, parquet ]");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        SynthCliTest.Result r = SynthCliTest.cli("run", config.toString(), "--end", "2020-01-04 00:00:00",
                "--output-dir", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(out.resolve("log_events.csv")).exists();
        assertThat(out.resolve("log_events.jsonl")).exists();
        assertThat(out.resolve("log/date=2020-01-01")).isDirectory();
        assertThat(out.resolve("log/date=2020-01-03")).isDirectory();

        List<String> csv = keys("SELECT ts, type, u_id FROM read_csv('" + out.resolve("log_events.csv")
                + "', header = true, all_varchar = true)", false);
        List<String> jsonl = keys("SELECT ts, type, u_id FROM read_json('" + out.resolve("log_events.jsonl")
                + "', format = 'newline_delimited', columns = {ts: 'VARCHAR', type: 'VARCHAR', u_id: 'VARCHAR'})",
                false);
        List<String> parquet = keys("SELECT epoch_us(ts), type, u_id FROM read_parquet('" + out.resolve("log")
                + "/*/*.parquet', hive_partitioning = true)", true);
        assertThat(csv).hasSizeGreaterThan(1000);
        assertThat(jsonl).as("JSON Lines rows").isEqualTo(csv);
        assertThat(parquet).as("Parquet rows").isEqualTo(csv);

        List<String> catalogCsv = keys("SELECT ts, subject_type, 'x' FROM read_csv('"
                + out.resolve("catalog_events.csv") + "', header = true, all_varchar = true)", false);
        List<String> catalogParquet = keys("SELECT epoch_us(ts), subject_type, 'x' FROM read_parquet('"
                + out.resolve("catalog") + "/*/*.parquet', hive_partitioning = true)", true);
        assertThat(catalogParquet).as("Parquet catalog rows").isEqualTo(catalogCsv).isNotEmpty();
        assertThat(keys("SELECT count(*), 'a', 'b' FROM read_parquet('" + out.resolve("log")
                + "/*/*.parquet', hive_partitioning = true) WHERE date = '2020-01-02'", true)).hasSize(1);
    }

    @Test
    @DisplayName("run --output-dir keeps sink_types: an unavailable sink type is refused as validate refuses it")
    void unavailableSinkTypeIsRefused() throws IOException {
        Path config = dir.resolve("bad.yml");
        String yaml = Files.readString(Path.of("config/session_project.yml"), StandardCharsets.UTF_8)
                .replace("sink_types: [ \"csv\" ]", "sink_types: [ csv, orc ]")
                .replace("\"../data/catalog\"", "\"" + Path.of("data/catalog").toAbsolutePath() + "\"");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        SynthCliTest.Result r = SynthCliTest.cli("run", config.toString(), "--end", "2020-01-02 00:00:00",
                "--output-dir", dir.resolve("out").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("global.sink_types[1]").contains("orc");
        assertThat(dir.resolve("out/log_events.csv")).doesNotExist();
    }

    /** Rows as {@code ts|a|b}; the first column is a timestamp text, or epoch microseconds when {@code micros}. */
    private static List<String> keys(String sql, boolean micros) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String ts = micros ? Timestamps.format(rs.getLong(1)) : rs.getString(1);
                rows.add(ts + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }
}
