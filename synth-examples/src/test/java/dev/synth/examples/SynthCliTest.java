package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line as a user meets it: exit codes, messages, files. */
class SynthCliTest {
    private static final Path SESSION_PROJECT = Path.of("config/session_project.yml");

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

    @Test
    @DisplayName("run writes both CSV files; its summary goes to stderr (stdout carries only data)")
    void run() throws IOException {
        Result r = cli("run", SESSION_PROJECT.toString(), "--end", "2020-01-02 00:00:00", "--output-dir",
                dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("example/sessions completed: reached its end 2020-01-02T00:00:00Z",
                "log events", "csv wrote", "users", "active", "inactive", "simulated", "wall time", "log events/s");
        assertThat(r.err()).containsPattern("\\d{1,3}(,\\d{3})+ log events");
        assertThat(Files.readAllLines(dir.resolve("log_events.csv")).get(0))
                .isEqualTo("u_id,d_id,os,ol,ts,type,ip,up,dn,block,props");
        assertThat(Files.readAllLines(dir.resolve("catalog_events.csv")).get(0)).isEqualTo("ts,subject_type,data");
        assertThat(Files.size(dir.resolve("log_events.csv"))).isGreaterThan(10_000);
    }

    @Test
    @DisplayName("the same seed gives byte-identical files; another seed gives different files")
    void byteIdentical() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertThat(cli("run", SESSION_PROJECT.toString(), "--end", "2020-01-03 00:00:00", "--output-dir", a.toString())
                .status()).isZero();
        assertThat(cli("run", SESSION_PROJECT.toString(), "--end", "2020-01-03 00:00:00", "--output-dir", b.toString())
                .status()).isZero();
        assertThat(cli("run", SESSION_PROJECT.toString(), "--end", "2020-01-03 00:00:00", "--seed", "7",
                "--output-dir", c.toString()).status()).isZero();
        for (String file : new String[] {"log_events.csv", "catalog_events.csv"}) {
            assertThat(Files.mismatch(a.resolve(file), b.resolve(file))).as(file).isEqualTo(-1L);
            assertThat(Files.mismatch(a.resolve(file), c.resolve(file))).as(file).isNotEqualTo(-1L);
        }
    }

    static Stream<Arguments> badConfigs() {
        String good = """
                global:
                  sink_types: ["csv"]
                  log_events_filename: "out/log.csv"
                  catalog_events_filename: "out/catalog.csv"
                  start_ts: "2020-01-01 00:00:00"
                  end_ts: "2020-01-02 00:00:00"
                users:
                  population:
                    initial_count: 3
                  profiles:
                    only:
                      occurrence_probability: 1.0
                      event_probabilities:
                        page: 1.0
                """;
        return Stream.of(
                Arguments.of("malformed YAML", good.replace("  profiles:", "  profiles: [unclosed"), "line"),
                Arguments.of("unknown key", good.replace("initial_count: 3", "initial_count: 3\n    inital_count: 4"),
                        "users.population.inital_count"),
                Arguments.of("wrong type", good.replace("initial_count: 3", "initial_count: lots"),
                        "users.population.initial_count"),
                Arguments.of("probability out of range", good.replace("occurrence_probability: 1.0",
                        "occurrence_probability: 1.5"), "users.profiles.only.occurrence_probability"),
                Arguments.of("missing section", good.substring(0, good.indexOf("  profiles:")), "users.profiles"),
                Arguments.of("end before start", good.replace("end_ts: \"2020-01-02 00:00:00\"",
                        "end_ts: \"2019-12-31 00:00:00\""), "end_ts"),
                Arguments.of("unwritable output path", good.replace("out/log.csv", "UNDER_A_FILE/log.csv"),
                        "global.log_events_filename"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    @DisplayName("bad input exits with status 2, names the problem, and writes no files")
    void badInput(String what, String yaml, String named) throws IOException {
        Path regularFile = Files.writeString(dir.resolve("a-regular-file"), "x");
        Path config = Files.writeString(dir.resolve("bad.yml"),
                yaml.replace("UNDER_A_FILE", regularFile.toString()));
        Result r = cli("run", config.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error:").contains(named);
        assertThat(r.out()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a-regular-file",
                    "bad.yml");
        }
    }

    @Test
    @DisplayName("a missing configuration file is a usage error naming the file")
    void missingFile() {
        Result r = cli("run", dir.resolve("nope.yml").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yml");
    }

    @Test
    @DisplayName("an output directory that cannot be created is a usage error")
    void unwritableOutputDir() throws IOException {
        Path regularFile = Files.writeString(dir.resolve("file"), "x");
        Result r = cli("run", SESSION_PROJECT.toString(), "--output-dir", regularFile.resolve("sub").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--output-dir");
    }

    @Test
    @DisplayName("validate accepts the shipped session project and refuses the reference's session test config")
    void validate() {
        assertThat(cli("validate", SESSION_PROJECT.toString()).status()).isZero();
        Result r = cli("validate", "../synth-core/src/test/resources/config/session_engagement_user.yaml");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("users.profiles.short.event_probabilities");
    }

    @Test
    @DisplayName("a user type made known by a UserTypeProvider is usable from YAML on the command line")
    void providedUserType() {
        Result r = cli("validate", "config/streaming_subscribers.yml");
        assertThat(r.status()).as(r.err()).isZero();
    }

    @Test
    @DisplayName("no command and unknown options are usage errors")
    void usage() {
        assertThat(cli().status()).isEqualTo(2);
        assertThat(cli("run").status()).isEqualTo(2);
        assertThat(cli("run", "x.yml", "--bogus").status()).isEqualTo(2);
    }

    private static Path copyProject(Path dir, String replace, String with) throws IOException {
        String yaml = Files.readString(SESSION_PROJECT).replace("../data/catalog",
                SESSION_PROJECT.toAbsolutePath().getParent().resolve("../data/catalog").normalize().toString())
                .replace("end_ts: \"2020-01-15 00:00:00\"", "end_ts: \"2020-01-02 00:00:00\"")
                .replace(replace, with);
        return Files.writeString(dir.resolve("project.yml"), yaml);
    }

    @Test
    @DisplayName("changing users.population.initial_count between two runs exits 2 naming the key; run --fresh then"
            + " writes files byte-identical to a first run")
    void changedConfigurationAndFresh() throws IOException {
        Path first = dir.resolve("first");
        Files.createDirectories(first);
        Path config = copyProject(first, "initial_count: 75", "initial_count: 75");
        assertThat(cli("run", config.toString()).status()).isZero();
        Path reference = dir.resolve("reference");
        Files.createDirectories(reference);
        for (String f : new String[] {"log_events.csv", "catalog_events.csv"}) {
            Files.copy(first.resolve("out").resolve(f), reference.resolve(f));
        }

        Result again = cli("run", config.toString());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.err()).contains("already at its end", "--fresh");

        copyProject(first, "initial_count: 75", "initial_count: 60");
        Result changed = cli("run", config.toString());
        assertThat(changed.status()).as(changed.err()).isEqualTo(2);
        assertThat(changed.err()).contains("users.population.initial_count is 60, but the stored run was started with 75",
                "run --fresh");
        assertThat(changed.out()).isEmpty();

        copyProject(first, "initial_count: 75", "initial_count: 75");
        Result fresh = cli("run", config.toString(), "--fresh");
        assertThat(fresh.status()).as(fresh.err()).isZero();
        for (String f : new String[] {"log_events.csv", "catalog_events.csv"}) {
            assertThat(Files.mismatch(reference.resolve(f), first.resolve("out").resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    @Test
    @DisplayName("--summary-json writes the summary for scripts: status, reason and what each sink wrote")
    void summaryJson() throws IOException {
        Path json = dir.resolve("summary.json");
        Result r = cli("run", SESSION_PROJECT.toString(), "--end", "2020-01-02 00:00:00", "--output-dir",
                dir.resolve("out").toString(), "--summary-json", json.toString());
        assertThat(r.status()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                json.toFile());
        assertThat(node.path("status").asText()).isEqualTo("completed");
        assertThat(node.path("reason").asText()).startsWith("reached its end");
        long logRows = Files.readAllLines(dir.resolve("out").resolve("log_events.csv")).size() - 1;
        assertThat(node.path("sinks").path("csv").path("log_events").asLong()).isEqualTo(logRows);
        assertThat(node.path("log_events").asLong()).isEqualTo(logRows);
    }

    @Test
    @DisplayName("jsonl_to_stdout.yml: standard output carries one JSON object per line and nothing else")
    void stdoutIsOnlyData() throws IOException {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        Result r;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r = cli("run", "config/jsonl_to_stdout.yml");
        } finally {
            System.setOut(original);
        }
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("completed");
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<String> lines = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSizeGreaterThan(10);
        for (String line : lines) {
            assertThat(mapper.readTree(line).isObject()).as(line).isTrue();
        }
    }

    @Test
    @DisplayName("--version prints the version of the build")
    void version() throws IOException {
        Result r = cli("--version");
        assertThat(r.status()).isZero();
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(r.out().strip()).isEqualTo("synth " + m.group(1));
    }

    @Test
    @DisplayName("drop and clear refuse to run without --yes when nobody can be asked, and change nothing")
    void dropAndClearNeedYes() throws IOException {
        Path config = copyProject(dir, "initial_count: 75", "initial_count: 75");
        assertThat(cli("run", config.toString(), "--end", "2020-01-01 03:00:00").status()).isZero();
        for (String command : new String[] {"drop", "clear"}) {
            Result r = cli(command, config.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--yes");
        }
        assertThat(dir.resolve("out/log_events.csv")).exists();
        Result resumed = cli("run", config.toString(), "--end", "2020-01-01 06:00:00");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("simulated 2020-01-01T03:00:00Z");
        assertThat(cli("clear", config.toString(), "--yes").status()).isZero();
        assertThat(dir.resolve("out/log_events.csv")).doesNotExist();
        assertThat(cli("drop", config.toString(), "--yes").status()).isZero();
    }

    @Test
    @DisplayName("--progress bar draws a progress bar on stderr with the share done, events and an ETA")
    void progressBar() {
        Result r = cli("run", SESSION_PROJECT.toString(), "--end", "2020-01-03 00:00:00", "--output-dir",
                dir.toString(), "--progress", "bar");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("\r[").containsPattern("\\] \\d{1,3}\\.\\d%").contains("log events", "ETA");
        assertThat(r.err()).contains("[##############################] 100.0%");
        assertThat(cli("run", SESSION_PROJECT.toString(), "--progress", "fancy").status()).isEqualTo(2);
    }
}
