package dev.synth.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * A new folder nobody may create files in, for tests of unwritable outputs; its permissions are restored on
 * {@link #close}. Skips the test (an assumption) where the file system has no POSIX permissions or where the
 * folder stays writable anyway (running as root).
 */
public final class LockedFolder implements AutoCloseable {
    private final Path path;
    private final Set<PosixFilePermission> before;

    private LockedFolder(Path path, Set<PosixFilePermission> before) {
        this.path = path;
        this.before = before;
    }

    /** Creates {@code parent/name} read-only. */
    public static LockedFolder create(Path parent, String name) throws IOException {
        Path folder = Files.createDirectory(parent.resolve(name));
        Assumptions.assumeTrue(Files.getFileStore(folder).supportsFileAttributeView("posix"), "POSIX permissions");
        LockedFolder locked = new LockedFolder(folder, Files.getPosixFilePermissions(folder));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (canCreateIn(folder)) {
            locked.close();
            Assumptions.abort("running as root: the folder stays writable");
        }
        return locked;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        Files.setPosixFilePermissions(path, before);
    }

    private static boolean canCreateIn(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "root-check", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
