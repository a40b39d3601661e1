package dev.synth.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synth.testing.LockedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathChecksTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("an existing folder, or a missing one in a writable folder, is writable; nothing is left behind")
    void writableFolder() throws IOException {
        assertThat(PathChecks.writableFolderProblem(dir)).isEmpty();
        assertThat(PathChecks.writableFolderProblem(dir.resolve("a/b/c"))).isEmpty();
        assertThat(PathChecks.writableFolderProblem(dir.resolve("x/../y"))).isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    @DisplayName("a regular file at the folder's path, or above it, is a problem")
    void fileInTheWay() throws IOException {
        Path file = Files.writeString(dir.resolve("out"), "keep");
        assertThat(PathChecks.writableFolderProblem(file)).contains("is a file, not a folder");
        assertThat(PathChecks.writableFolderProblem(file.resolve("log")))
                .contains("cannot be created: " + file + " is a file, not a folder");
        assertThat(file).hasContent("keep");
        // and the file check still refuses a folder
        assertThat(PathChecks.writableFileProblem(dir)).contains("is a directory, not a file");
    }

    @Test
    @DisplayName("a folder synth cannot create files in is a problem, existing or to be created in it")
    void unwritableFolder() throws IOException {
        try (LockedFolder folder = LockedFolder.create(dir, "locked")) {
            Path locked = folder.path();
            assertThat(PathChecks.writableFolderProblem(locked)).hasValueSatisfying(p -> assertThat(p)
                    .startsWith("cannot be written (").contains("denied"));
            assertThat(PathChecks.writableFolderProblem(locked.resolve("log"))).hasValueSatisfying(p -> assertThat(p)
                    .startsWith("cannot be created: the folder " + locked + " is not writable ("));
        }
    }
}
