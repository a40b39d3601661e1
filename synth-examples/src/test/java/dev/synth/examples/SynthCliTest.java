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
    @DisplayName("run writes both CSV files and ends with one summary line")
    void run() throws IOException {
        Result r = cli("run", SESSION_PROJECT.toString(), "--end", "2020-01-02 00:00:00", "--output-dir",
                dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        assertThat(r.out()).contains("log events", "users", "active", "inactive", "simulated", "wall time",
                "log events/s");
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
}
