package dev.synth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code validate} on a corpus of broken configurations ({@code src/test/resources/invalid}), one kind of mistake
 * per file, some with several problems: each must be refused with exit status 2, naming every problem with its key
 * path. The expected problems are written in the file itself, one {@code # expect:} line each.
 */
class ValidateCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/invalid");

    static Stream<Path> corpus() throws IOException {
        return Files.list(CORPUS).filter(p -> p.toString().endsWith(".yml")).sorted();
    }

    static List<String> expected(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect: "))
                .map(l -> l.substring("# expect: ".length())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("validate refuses the file with status 2 and prints each of its problems with its key path")
    void refused(Path file) throws IOException {
        List<String> expected = expected(file);
        assertThat(expected).as("the file states its problems").isNotEmpty();
        SynthCliTest.Result r = SynthCliTest.cli("validate", file.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: invalid configuration " + file + ": " + expected.size()
                + (expected.size() == 1 ? " problem\n" : " problems\n"));
        List<String> problems = r.err().lines().filter(l -> l.startsWith("  - ")).toList();
        assertThat(problems).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(problems.get(i)).as("problem %d of %s", i + 1, file).startsWith("  - " + expected.get(i));
        }
    }

    @Test
    @DisplayName("the corpus covers at least 10 kinds of mistakes")
    void size() throws IOException {
        try (Stream<Path> files = corpus()) {
            assertThat(files.count()).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    @DisplayName("every shipped example configuration that uses only built-in types validates")
    void shippedConfigs() {
        for (String config : List.of("config/session_project.yml", "config/jsonl_to_stdout.yml",
                "config/example_project.yml", "config/streaming_subscribers.yml", "config/global_population.yml")) {
            SynthCliTest.Result r = SynthCliTest.cli("validate", config);
            assertThat(r.status()).as(config + ": " + r.err()).isZero();
        }
    }
}
