package dev.synth.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Checks, before a run creates anything, that a file or folder can be written where a configuration says: used
 * for every output file and folder and for a SQLite state database. Permission bits are not trusted (they say
 * nothing to root, nor about read-only mounts): an existing file is opened for writing without changing it, an
 * existing folder is probed by creating and deleting a temporary file in it, and a missing file or folder by
 * doing so in its nearest existing folder.
 */
public final class PathChecks {
    private PathChecks() {
    }

    /**
     * Why {@code file} cannot be created or written, or empty when it can (its missing folders would be
     * created). Leaves the file system as it was.
     */
    public static Optional<String> writableFileProblem(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return Optional.of("is a directory, not a file");
        }
        if (Files.exists(abs)) {
            if (!Files.isRegularFile(abs)) {
                return Optional.of("is not a regular file");
            }
            try (FileChannel channel = FileChannel.open(abs, StandardOpenOption.WRITE)) {
                return Optional.empty();
            } catch (IOException | SecurityException e) {
                return Optional.of("cannot be written (" + reason(e) + ")");
            }
        }
        return creatableProblem(abs);
    }

    /**
     * Why {@code folder} cannot be created or have files created in it, or empty when it can (it and its missing
     * folders would be created). Leaves the file system as it was.
     */
    public static Optional<String> writableFolderProblem(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return probe(abs).map(reason -> "cannot be written (" + reason + ")");
        }
        if (Files.exists(abs)) {
            return Optional.of(Files.isRegularFile(abs) ? "is a file, not a folder" : "is not a folder");
        }
        return creatableProblem(abs);
    }

    /** Why the missing {@code abs} cannot be created: its nearest existing ancestor must be a writable folder. */
    private static Optional<String> creatableProblem(Path abs) {
        Path existing = abs.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("cannot be created: no folder of it exists");
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of("cannot be created: " + existing + " is a file, not a folder");
        }
        Path parent = existing;
        return probe(parent).map(reason -> "cannot be created: the folder " + parent + " is not writable ("
                + reason + ")");
    }

    /** Why no file can be created in the existing {@code folder}, or empty when one can (and was deleted again). */
    private static Optional<String> probe(Path folder) {
        try {
            Path probe = Files.createTempFile(folder, ".synth-write-check-", ".tmp");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return Optional.of(reason(e));
        }
    }

    /** E.g. {@code Permission denied}, or {@code no such file} for a {@code NoSuchFileException}. */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (!(e instanceof java.nio.file.FileSystemException) && e.getMessage() != null) {
            return e.getMessage();
        }
        String name = e.getClass().getSimpleName().replaceAll("Exception$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
