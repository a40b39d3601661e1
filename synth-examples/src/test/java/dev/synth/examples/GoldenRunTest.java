package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden runs: the exact bytes that the shipped configurations produce for their seed. These bytes are a
 * promise to users across versions, thread counts and engines; a change here is a deliberate model change and
 * must be recorded in docs/DECISIONS.md together with the new digests.
 */
class GoldenRunTest {
    @TempDir
    Path dir;

    static Stream<Arguments> goldenRuns() {
        return Stream.of(
                Arguments.of("config/session_project.yml", "2020-01-04 00:00:00", "",
                        "1071e4887f71c6fb0758097493937d0449f8c15f0b00dd51ebd3426fdd9ae3ab",
                        "24d75c461b4f1f7059c418a404739ad0311ffb573fe0844e5dc050751334f614"),
                Arguments.of("config/example_project.yml", "2020-01-04 00:00:00", "42",
                        "a9c318f025226814ca268f9a7f89a460fc618aa3ec011f3f8641964c619bfb20",
                        "408345810bd1b96ba5947dc74ae480f1ffcf08467880baa1633f3323d1b9762c"),
                Arguments.of("config/streaming_subscribers.yml", "2024-01-15 00:00:00", "",
                        "b87cd8a855c7c260a51c5434b53eb1207adb9bdf81c5de3f16c72a5d0a3e6f81",
                        "9761b5f125c912756116c4929f337740f051dc981201e1d528072aac08f52354"));
    }

    @ParameterizedTest(name = "{0} until {1} (seed {2})")
    @MethodSource("goldenRuns")
    @DisplayName("a shipped configuration writes the pinned log and catalog bytes")
    void pinnedBytes(String config, String end, String seed, String logDigest, String catalogDigest) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Stream<String> args = Stream.of("run", config, "--end", end, "--output-dir", dir.toString(),
                "--db-uri", "sqlite:///" + dir.resolve("state.sqlite").toAbsolutePath());
        if (!seed.isEmpty()) { // the reference's example project has no seed of its own: the run names one
            args = Stream.concat(args, Stream.of("--seed", seed));
        }
        int status = SynthCli.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(status).as(err.toString()).isZero();
        assertThat(sha256(dir.resolve("log_events.csv"))).as("log_events.csv of " + config).isEqualTo(logDigest);
        assertThat(sha256(dir.resolve("catalog_events.csv"))).as("catalog_events.csv of " + config)
                .isEqualTo(catalogDigest);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
