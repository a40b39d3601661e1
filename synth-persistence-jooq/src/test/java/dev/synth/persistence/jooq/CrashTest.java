package dev.synth.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import dev.synth.spi.RunKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that runs a simulation with SIGKILL at random moments, again and again, then lets the run
 * finish: the CSV files must equal those of an unbroken run - nothing lost, nothing duplicated.
 */
class CrashTest {
    private static final int USERS = 60;
    private static final long HOURS = 16 * 24;
    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    @DisplayName("a run killed with SIGKILL at 12 random moments, then completed, writes the files of an unbroken run (plain, gzip, zstd, Parquet)")
    void killedAgainAndAgain() throws Exception {
        killAgainAndAgain(sqlite(), 1, 1);
    }

    @Test
    @DisplayName("with 8 shards on 2 threads, on SQLite, a run killed at 12 random moments writes the files of an unbroken run")
    void shardedKilledAgainAndAgain() throws Exception {
        killAgainAndAgain(sqlite(), 8, 2);
    }

    @Test
    @DisplayName("with 8 shards on 2 threads, on PostgreSQL, a run killed at 12 random moments writes the files of an unbroken run")
    void shardedKilledAgainAndAgainOnPostgres() throws Exception {
        DbUri uri = TestDatabases.require(TestDatabases.POSTGRES);
        try (JooqStateStore store = TestDatabases.builder(uri).build()) {
            store.clear(new RunKey("resume-test", "crash"));
        }
        killAgainAndAgain(System.getenv(TestDatabases.POSTGRES), 8, 2);
    }

    private String sqlite() {
        return "sqlite:///" + dir.resolve("state.sqlite").toAbsolutePath();
    }

    private void killAgainAndAgain(String db, int shards, int threads) throws Exception {
        Path out = dir.resolve("out");
        Random random = new Random(7);
        int killed = 0;
        List<Long> sizes = new ArrayList<>();
        Path log = out.resolve("log_events.csv");
        for (int i = 0; i < KILLS; i++) {
            long before = size(log);
            Process child = start(db, out, shards, threads);
            // let the child start and write past what earlier children wrote, then kill it at a random moment
            long deadline = System.currentTimeMillis() + 120_000;
            while (size(log) <= before && child.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            if (child.waitFor(random.nextInt(1_200), TimeUnit.MILLISECONDS)) {
                assertThat(child.exitValue()).as("child exit status (see children.log)").isZero();
                break; // the run completed before this kill
            }
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
            killed++;
            sizes.add(size(log));
        }
        Process last = start(db, out, shards, threads);
        assertThat(last.waitFor(5, TimeUnit.MINUTES)).as("the final run completes").isTrue();
        assertThat(last.exitValue()).as("final child exit status (see children.log)").isZero();

        assertThat(killed).as("kills that hit a running simulation (log sizes at each: %s)", sizes).isGreaterThanOrEqualTo(10);
        assertThat(sizes.stream().distinct().count()).as("the run made progress between kills: %s", sizes)
                .isGreaterThanOrEqualTo(KILLS / 2);
        Path reference = Runs.unbroken(Runs.config(USERS, "crash", shards), Runs.hour(HOURS));
        try {
            assertThat(Runs.log(out)).as("log_events.csv").isEqualTo(Runs.log(reference));
            assertThat(Runs.catalog(out)).as("catalog_events.csv").isEqualTo(Runs.catalog(reference));
            // compressed outputs of the same killed run: valid streams, decompressing to the unbroken run's bytes
            assertThat(gunzip(out.resolve("gz/log_events.csv.gz"))).as("log_events.csv.gz decompressed")
                    .isEqualTo(Runs.log(reference));
            assertThat(gunzip(out.resolve("gz/catalog_events.csv.gz"))).as("catalog_events.csv.gz decompressed")
                    .isEqualTo(Runs.catalog(reference));
            assertThat(jsonLineKeys(unzstd(out.resolve("zst/log_events.jsonl.zst"))))
                    .as("log_events.jsonl.zst decompressed: (ts, type, u_id) of every line")
                    .isEqualTo(csvKeys(Runs.log(reference)));
            assertThat(parquetKeys(out.resolve("parquet")))
                    .as("the Parquet folder read by DuckDB: (ts, type, u_id) of every row, in order")
                    .isEqualTo(csvKeys(Runs.log(reference)));
        } finally {
            Runs.delete(reference);
        }
    }

    private Process start(String db, Path out, int shards, int threads) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashChild.class.getName(), db.toString(), out.toString(),
                Integer.toString(USERS), Long.toString(HOURS), "40", Integer.toString(shards), Integer.toString(threads));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("children.log").toFile()));
        return pb.start();
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static byte[] unzstd(Path file) throws IOException {
        try (java.io.InputStream in = new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static List<String> jsonLineKeys(byte[] jsonl) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> keys = new ArrayList<>();
        for (String line : new String(jsonl, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
            keys.add(n.get("ts").asText() + "|" + n.get("type").asText() + "|" + n.get("u_id").asText());
        }
        return keys;
    }

    private static List<String> parquetKeys(Path dir) throws java.sql.SQLException {
        List<String> keys = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT epoch_us(ts), type, u_id FROM read_parquet('"
                     + dir.resolve("log") + "/*/*.parquet', hive_partitioning = true)")) {
            while (rs.next()) {
                keys.add(dev.synth.event.Timestamps.format(rs.getLong(1)) + "|" + rs.getString(2) + "|"
                        + rs.getString(3));
            }
        }
        return keys;
    }

    /** (ts, type, u_id) of every row; the workload's ids and types hold no commas or quotes. */
    private static List<String> csvKeys(byte[] csv) {
        List<String> keys = new ArrayList<>();
        String[] lines = new String(csv, java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", 7);
            keys.add(cells[4] + "|" + cells[5] + "|" + cells[0]);
        }
        return keys;
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }
}
