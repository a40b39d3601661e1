package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: inputs that used to destroy state, hang or fail late. Each is refused before anything is created
 * (exit 2, the key named) and leaves every existing file byte for byte as it was.
 */
class HardeningTest {
    static final String GOOD = """
            global:
              organisation: "hard"
              project: "case"
              seed: 7
              sink_types: ["csv"]
              log_events_filename: "out/log.csv"
              catalog_events_filename: "out/catalog.csv"
              start_ts: "2020-01-01 00:00:00"
              end_ts: "2020-01-01 06:00:00"
            users:
              population:
                initial_count: 3
              profiles:
                only:
                  occurrence_probability: 1.0
                  event_probabilities:
                    page: 1.0
            """;

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SynthCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(status, out.toString(), err.toString());
    }

    /** Every file under {@code dir} with its bytes. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("synth.yml"), yaml);
    }

    /**
     * Runs {@code yaml} with validate and run (only run when there are {@code moreArgs}): exit 2 naming
     * {@code key}; no file appears or changes.
     */
    private void refused(String yaml, String key, String... moreArgs) throws IOException {
        Path config = config(yaml);
        Map<String, String> before = snapshot();
        // validate knows no command-line options: with options, only run is asked
        for (String command : moreArgs.length > 0 ? new String[] {"run"} : new String[] {"validate", "run"}) {
            String[] args = Stream.concat(Stream.of(command, config.toString()),
                    command.equals("run") ? Stream.of(moreArgs) : Stream.empty()).toArray(String[]::new);
            Result r = cli(args);
            assertThat(r.status()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(command).contains("error:").contains(key);
            assertThat(r.err()).as(command).doesNotContain("Exception", "\tat ");
            assertThat(snapshot()).as(command + ": files after").isEqualTo(before);
        }
    }

    @Test
    @DisplayName("1. an output file that is the state database is refused, and the database keeps the run")
    void outputIsTheDatabase() throws IOException {
        Result first = cli("run", config(GOOD).toString());
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(dir.resolve("synth.sqlite")).exists();
        refused(GOOD.replace("out/log.csv", "synth.sqlite"), "global.log_events_filename");
        refused(GOOD.replace("out/catalog.csv", "./synth.sqlite-wal"), "global.catalog_events_filename");
        Result again = cli("run", config(GOOD).toString(), "--end", "2020-01-01 08:00:00");
        assertThat(again.status()).as("the stored run still resumes: " + again.err()).isZero();
        assertThat(again.err()).doesNotContain("CORRUPT");
    }

    @Test
    @DisplayName("1. an output file that is the configuration file is refused, by run, validate and clear")
    void outputIsTheConfig() throws IOException {
        String yaml = GOOD.replace("out/log.csv", "synth.yml");
        refused(yaml, "global.log_events_filename");
        Result clear = cli("clear", dir.resolve("synth.yml").toString(), "--yes");
        assertThat(clear.status()).isEqualTo(2);
        assertThat(dir.resolve("synth.yml")).hasContent(yaml);
        refused(GOOD.replace("out/catalog.csv", "out/log.csv"), "global.catalog_events_filename");
        String dbIsConfig = GOOD.replace("seed: 7", "seed: 7\n  db_uri: \"sqlite:///synth.yml\"");
        refused(dbIsConfig, "global.db_uri");
        for (String command : new String[] {"migrate", "drop", "clear"}) {
            Result r = command.equals("migrate") ? cli(command, dir.resolve("synth.yml").toString())
                    : cli(command, dir.resolve("synth.yml").toString(), "--yes");
            assertThat(r.status()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("global.db_uri");
            assertThat(dir.resolve("synth.yml")).as(command).hasContent(dbIsConfig);
        }
    }

    @Test
    @DisplayName("3. a db_uri no store handles is refused instead of silently running in memory")
    void unknownDbUri() throws IOException {
        refused(GOOD.replace("seed: 7", "seed: 7\n  db_uri: \"foo://bar\""), "global.db_uri");
        Result r = cli("validate", config(GOOD.replace("seed: 7", "seed: 7\n  db_uri: \"foo://u:S3cret@bar/x?k=v\""))
                .toString());
        assertThat(r.err()).contains("global.db_uri").doesNotContain("S3cret").doesNotContain("k=v");
    }

    @Test
    @DisplayName("5. names longer than the state database keeps are refused by validate, naming the key")
    void namesWithinLimits() throws IOException {
        refused(GOOD.replace("organisation: \"hard\"", "organisation: \"" + "o".repeat(70) + "\""),
                "global.organisation");
        refused(GOOD.replace("project: \"case\"", "project: \"" + "p".repeat(65) + "\""), "global.project");
        refused(GOOD.replace("    only:", "    " + "q".repeat(129) + ":"), "users.profiles");
    }

    @Test
    @DisplayName("8. an output under a file, or in a folder that cannot be written, is refused before synth.sqlite exists")
    void pathsCheckedFirst() throws IOException {
        Files.writeString(dir.resolve("plain"), "x");
        refused(GOOD.replace("out/log.csv", "plain/log.csv"), "global.log_events_filename");
        refused(GOOD.replace("out/log.csv", "/proc/synth-test/log.csv"), "global.log_events_filename");
        refused(GOOD.replace("out/catalog.csv", "out"), "global.catalog_events_filename");
        Files.createDirectories(dir.resolve("out"));
        refused(GOOD.replace("out/catalog.csv", "out"), "global.catalog_events_filename");
        assertThat(dir.resolve("synth.sqlite")).doesNotExist();
        refused(GOOD, "--output-dir", "--output-dir", "/proc/synth-test");
        refused(GOOD, "--output-dir", "--output-dir", dir.resolve("plain").toString());
    }

    @Test
    @DisplayName("10. --speed-up -1, 0.5 and NaN are usage errors with the usage, not stack traces")
    void speedUp() throws IOException {
        Path config = config(GOOD);
        for (String bad : new String[] {"-1", "0.5", "NaN", "Infinity"}) {
            Result r = cli("run", config.toString(), "--speed-up", bad);
            assertThat(r.status()).as(bad + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--speed-up").contains("Usage:").doesNotContain("\tat ");
        }
        assertThat(dir.resolve("synth.sqlite")).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    @DisplayName("6. a population far too large for the heap is refused at the start with what to do; validate warns")
    void heap() throws IOException {
        String huge = GOOD.replace("initial_count: 3", "initial_count: 50000000\n    target_max_count: 50000000");
        Path config = config(huge);
        Result validate = cli("validate", config.toString());
        assertThat(validate.status()).as(validate.err()).isZero();
        assertThat(validate.err()).contains("warning:").contains("52500000 users").contains("-Xmx");
        Result run = cli("run", config.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("not started").contains("-Xmx").contains("users.population");
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(dir.resolve("synth.sqlite")).doesNotExist();
    }

    @Test
    @DisplayName("7. validate warns about a start beyond the wall clock")
    void farFuture() throws IOException {
        Path config = config(GOOD.replace("start_ts: \"2020-01-01 00:00:00\"", "start_ts: \"9999-01-01 00:00:00\"")
                .replace("end_ts: \"2020-01-01 06:00:00\"", "end_ts: null"));
        Result validate = cli("validate", config.toString());
        assertThat(validate.status()).as(validate.err()).isZero();
        assertThat(validate.err()).contains("warning: global.start_ts 9999-01-01T00:00:00Z lies beyond the wall clock")
                .contains("waits until then");
    }

    @Test
    @DisplayName("a catalog_directory that names no folder (a typo) is refused naming the key")
    void misspeltCatalogDirectory() throws IOException {
        refused(GOOD.replace("seed: 7", "seed: 7\n  catalog_directory: \"data/catalgo\""), "global.catalog_directory");
    }

    @Test
    @DisplayName("--seed on a resumed run is ignored with a WARN naming the stored seed")
    void seedOnResume() throws IOException {
        Path config = config(GOOD);
        assertThat(cli("run", config.toString()).status()).isZero();
        ch.qos.logback.classic.Logger driver = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                dev.synth.engine.Driver.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        driver.addAppender(seen);
        try {
            Result r = cli("run", config.toString(), "--seed", "8", "--end", "2020-01-01 08:00:00");
            assertThat(r.status()).as(r.err()).isZero();
        } finally {
            driver.detachAppender(seen);
        }
        assertThat(seen.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("the seed override 8 is ignored").contains("stored seed 7"));
    }
}
