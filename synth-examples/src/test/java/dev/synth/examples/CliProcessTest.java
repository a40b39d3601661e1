package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in its own JVM, as a shell user runs it: streams, signals, exit codes. */
class CliProcessTest {
    @TempDir
    Path dir;

    private Process start(Path stdout, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SynthCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SYNTH_LOG_LEVEL", "INFO");
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        return pb.start();
    }

    private Path config(int users, String end) throws IOException {
        return Files.writeString(dir.resolve("project.yml"), """
                global:
                  sink_types: ["csv"]
                  organisation: "cli"
                  project: "process"
                  seed: 9
                  log_events_filename: "out/log_events.csv"
                  catalog_events_filename: "out/catalog_events.csv"
                  start_ts: "2020-01-01 00:00:00"
                  end_ts: "%s"
                users:
                  population: {initial_count: %d, target_min_count: %d, target_max_count: %d}
                  profiles:
                    reader: {occurrence_probability: 1.0, session_max_count: 3, event_probabilities: {page: 0.8, search: 0.2}}
                """.formatted(end, users, users, users));
    }

    @Test
    @DisplayName("with a SQLite state store: no jOOQ logo or tips, Flyway logs through SLF4J, stdout stays empty")
    void quietLibraries() throws Exception {
        Path config = config(5, "2020-01-02 00:00:00");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = start(out, err, "run", config.toString());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(Files.readString(out)).isEmpty();
        assertThat(stderr).doesNotContainIgnoringCase("tip of the day").doesNotContain("Thank you for using jOOQ")
                .doesNotContain("@@@@");
        assertThat(stderr).as("Flyway through SLF4J/logback, not java.util.logging").contains("o.f.c.")
                .doesNotContain("INFO: ");
        assertThat(stderr).contains("cli/process completed");
    }

    @Test
    @DisplayName("SIGTERM stops a run at a step boundary: exit 143, a summary that says stopped; run again continues")
    void sigterm() throws Exception {
        Path config = config(3000, "2021-01-01 00:00:00");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = start(out, err, "run", config.toString(), "--progress", "lines");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(err).contains("new run from") && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        assertThat(p.isAlive()).as(Files.readString(err)).isTrue();
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as(stderr).isEqualTo(143);
        assertThat(stderr).contains("cli/process stopped: stop requested at");
        assertThat(Files.readString(out)).isEmpty();

        Path err2 = dir.resolve("stderr2");
        Process again = start(dir.resolve("stdout2"), err2, "run", config.toString(), "--end", "2020-01-01 01:00:00");
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(err2)).contains("resuming at", "already at its end");
    }

    @Test
    @DisplayName("settings without effect (notify, cache_logs_on_failure, session_event_type_changes_*) are named in one WARN line")
    void noOpSettingsWarn() throws Exception {
        Path config = Files.writeString(dir.resolve("noop.yml"), """
                global:
                  notify: true
                  cache_logs_on_failure: false
                  env: "prod"
                users:
                  population: {initial_count: 1}
                  profiles:
                    reader:
                      occurrence_probability: 1.0
                      session_event_type_changes_min: 1
                      session_event_type_changes_max: 2
                      event_probabilities: {page: 1.0}
                """);
        Path err = dir.resolve("stderr");
        Process p = start(dir.resolve("stdout"), err, "validate", config.toString());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as(stderr).isZero();
        List<String> warnings = stderr.lines().filter(l -> l.contains("WARN") && l.contains("no effect")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("accepted but have no effect", "global.env", "global.notify",
                "global.cache_logs_on_failure", "users.profiles.reader.session_event_type_changes_min",
                "users.profiles.reader.session_event_type_changes_max");
    }
}
