package dev.synth;

import dev.synth.config.ConfigProblem;
import dev.synth.config.PathChecks;
import dev.synth.config.SimulationConfig;
import dev.synth.spi.EventSink;
import dev.synth.spi.OutputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks that need the whole run, not one key: every output file and folder writable, and no file written
 * twice - no two outputs the same file or folder, no output that is the state database (or its journal) or the
 * configuration file, no state database that is the configuration file, and nothing of those inside an output
 * folder (see {@link OutputFile}). Run when the simulation is built, before anything exists.
 */
final class RunChecks {
    private static final List<String> SQLITE_COMPANIONS = List.of("", "-wal", "-shm", "-journal");

    private RunChecks() {
    }

    static List<ConfigProblem> outputs(SimulationConfig config, List<EventSink> sinks, List<Path> databaseFiles) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<Path> configFile = config.sourceFile().map(p -> p.toAbsolutePath().normalize());
        List<Path> database = new ArrayList<>();
        for (Path file : databaseFiles) {
            Path abs = file.toAbsolutePath().normalize();
            for (String suffix : SQLITE_COMPANIONS) {
                database.add(abs.resolveSibling(abs.getFileName() + suffix));
            }
            if (configFile.isPresent() && same(abs, configFile.get())) {
                problems.add(new ConfigProblem("global.db_uri", abs.toString(), "must not be the configuration file"
                        + " itself: the state database would overwrite it"));
            }
        }
        List<OutputFile> all = sinks.stream().flatMap(s -> s.outputFiles().stream()).toList();
        for (int i = 0; i < all.size(); i++) {
            OutputFile out = all.get(i);
            Optional<String> clash = clash(out, all, all.subList(0, i), configFile, database);
            if (clash.isPresent()) {
                problems.add(new ConfigProblem(out.key(), out.path().toString(), clash.get()));
            } else {
                writableProblem(out).ifPresent(p -> addOnce(problems, p, out));
            }
        }
        return problems;
    }

    /**
     * Why {@code out} collides with another output ({@code earlier} are those before it, so that two outputs of
     * the same path are one problem), the state database or the configuration file; empty when it does not.
     */
    private static Optional<String> clash(OutputFile out, List<OutputFile> all, List<OutputFile> earlier,
            Optional<Path> configFile, List<Path> database) {
        Path path = out.path();
        // a folder output holding another output is reported on that output, as inside a folder (below)
        Optional<OutputFile> holds = out.folder() ? Optional.empty()
                : all.stream().filter(o -> strictlyInside(o.path(), path)).findFirst();
        if (holds.isPresent()) {
            return Optional.of("must not be a folder of the " + kind(holds.get()) + " " + holds.get().key()
                    + " names (" + holds.get().path() + ")");
        }
        Optional<OutputFile> folder = all.stream().filter(o -> o.folder() && strictlyInside(path, o.path()))
                .findFirst();
        if (folder.isPresent()) {
            return Optional.of("must not be inside the folder " + folder.get().key() + " names ("
                    + folder.get().path() + "), which its sink writes into");
        }
        if (configFile.isPresent() && isOrHolds(out, configFile.get())) {
            return Optional.of(out.folder() ? "must not be or hold the configuration file (" + configFile.get()
                    + ")" : "must not be the configuration file: the run would overwrite it (and clear would delete"
                    + " it)");
        }
        Optional<Path> db = database.stream().filter(d -> isOrHolds(out, d)).findFirst();
        if (db.isPresent()) {
            return Optional.of(out.folder() ? "must not be or hold the state database of global.db_uri (" + db.get()
                    + ")" : "must not be the state database of global.db_uri (or its journal): writing events into"
                    + " it would destroy the run's state");
        }
        return earlier.stream().filter(o -> same(o.path(), path)).findFirst()
                .map(o -> "must differ from " + o.key() + ", which names the same " + kind(o));
    }

    /** Why {@code out} cannot be created and written, as a problem of its key; empty when it can. */
    private static Optional<ConfigProblem> writableProblem(OutputFile out) {
        Optional<String> problem = out.folder() ? PathChecks.writableFolderProblem(out.path())
                : PathChecks.writableFileProblem(out.path());
        return problem.map(p -> new ConfigProblem(out.key(), out.path().toString(), "must be a " + kind(out)
                + " synth can create and write, but it " + p));
    }

    /**
     * Adds {@code problem} of {@code out}, unless {@code out} is missing and its key already has the same problem:
     * then both cannot be created for the same reason, one folder above them (e.g. the Parquet sink's folders in
     * an unwritable directory), which is one problem.
     */
    private static void addOnce(List<ConfigProblem> problems, ConfigProblem problem, OutputFile out) {
        boolean repeated = !Files.exists(out.path()) && problems.stream()
                .anyMatch(p -> p.path().equals(problem.path()) && p.rule().equals(problem.rule()));
        if (!repeated) {
            problems.add(problem);
        }
    }

    /** Whether {@code file} (absolute, normalised) is the output, or, for a folder output, lies inside it. */
    private static boolean isOrHolds(OutputFile out, Path file) {
        return same(file, out.path()) || (out.folder() && strictlyInside(file, out.path()));
    }

    /** Whether {@code path} lies below {@code folder} (both absolute and normalised), not at it. */
    private static boolean strictlyInside(Path path, Path folder) {
        return !path.equals(folder) && path.startsWith(folder);
    }

    private static String kind(OutputFile out) {
        return out.folder() ? "folder" : "file";
    }

    /** Whether two paths name the same file: equal when normalised, or the same existing file (links). */
    static boolean same(Path a, Path b) {
        Path x = a.toAbsolutePath().normalize();
        Path y = b.toAbsolutePath().normalize();
        if (x.equals(y)) {
            return true;
        }
        try {
            if (Files.exists(x) && Files.exists(y)) {
                return Files.isSameFile(x, y);
            }
            Path px = x.getParent();
            Path py = y.getParent();
            // a missing file in the same folder as another spelt differently (case-insensitive file systems)
            return px != null && py != null && Files.exists(px) && Files.exists(py) && Files.isSameFile(px, py)
                    && x.getFileName().toString().equals(y.getFileName().toString());
        } catch (IOException e) {
            return false;
        }
    }
}
