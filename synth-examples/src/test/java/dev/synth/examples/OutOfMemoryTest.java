package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 6: running out of heap part way ends in one line that says where the run was and what to do,
 * exit 1, and the stored state is intact - the next run finishes it byte-identical to an unbroken run.
 */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    private Path config(String name) throws IOException {
        return Files.writeString(dir.resolve(name + ".yml"), HardeningTest.GOOD
                .replace("out/", name + "/")
                .replace("seed: 7", "seed: 7\n  db_uri: \"sqlite:///" + name + ".sqlite\"")
                .replace("end_ts: \"2020-01-01 06:00:00\"", "end_ts: \"2020-01-04 00:00:00\"")
                .replace("initial_count: 3", "initial_count: 6")
                .replace("  occurrence_probability: 1.0", "  occurrence_probability: 0.5")
                + """
                    hog:
                      user_type: memory_hog
                      occurrence_probability: 0.5
                """);
    }

    @Test
    @DisplayName("an OutOfMemoryError is one line with the simulated time and what to do; exit 1; resume is byte-identical")
    void outOfMemory() throws Exception {
        Path config = config("hog");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SynthCli.class.getName(), "run", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SYNTH_TEST_HOG", "1");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        List<String> errors = output.lines().filter(l -> l.startsWith("error:")).toList();
        assertThat(errors).as(output).hasSize(1);
        assertThat(errors.get(0)).contains("ran out of memory", "at simulated time 2020-01-0", "-Xmx",
                "users.population", "last committed step");
        assertThat(output).doesNotContain("\tat ", "Exception in thread");

        HardeningTest.Result resumed = HardeningTest.cli("run", config.toString());
        assertThat(resumed.status()).as(resumed.err()).isZero();
        Path reference = config("reference");
        HardeningTest.Result unbroken = HardeningTest.cli("run", reference.toString());
        assertThat(unbroken.status()).as(unbroken.err()).isZero();
        for (String file : new String[] {"log.csv", "catalog.csv"}) {
            assertThat(Files.mismatch(dir.resolve("hog").resolve(file), dir.resolve("reference").resolve(file)))
                    .as(file).isEqualTo(-1L);
        }
    }
}
