package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 7: a run whose start lies beyond the wall clock says that it waits, and until when, instead of
 * logging "0 log events so far" forever; SIGTERM ends it with its summary line.
 */
class FutureStartTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("start_ts in 9999: run says it is waiting until then; SIGTERM stops it and the summary line is printed")
    void waitsAndSaysSo() throws Exception {
        Path config = Files.writeString(dir.resolve("future.yml"), HardeningTest.GOOD
                .replace("start_ts: \"2020-01-01 00:00:00\"", "start_ts: \"9999-01-01 00:00:00\"")
                .replace("end_ts: \"2020-01-01 06:00:00\"", "end_ts: null"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SynthCli.class.getName(), "run", config.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(err).contains("waiting until then") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(err)).contains("beyond the wall clock").contains("9999-01-01T00:00:00Z")
                .contains("waiting until then");
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        // stdout carries only data; the summary line goes to stderr
        assertThat(Files.readString(out)).as("stdout").isEmpty();
        assertThat(Files.readString(err)).as("the summary line").contains(" log events");
        assertThat(Files.readString(err)).doesNotContain("\tat ");
    }
}
