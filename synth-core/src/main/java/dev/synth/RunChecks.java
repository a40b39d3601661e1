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
 * The checks that need the whole run, not one key: every output file writable, and no file written twice - no
 * two outputs the same file, no output that is the state database (or its journal) or the configuration file,
 * no state database that is the configuration file. Run when the simulation is built, before anything exists.
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
        List<OutputFile> seen = new ArrayList<>();
        for (EventSink sink : sinks) {
            for (OutputFile out : sink.outputFiles()) {
                Optional<OutputFile> inside = all.stream().filter(o -> !o.path().equals(out.path())
                        && o.path().startsWith(out.path())).findFirst();
                if (inside.isPresent()) {
                    problems.add(new ConfigProblem(out.key(), out.path().toString(), "must not be a folder of the file "
                            + inside.get().key() + " names (" + inside.get().path() + ")"));
                    seen.add(out);
                    continue;
                }
                Path path = out.path();
                String shown = path.toString();
                Optional<OutputFile> twice = seen.stream().filter(o -> same(o.path(), path)).findFirst();
                if (configFile.isPresent() && same(path, configFile.get())) {
                    problems.add(new ConfigProblem(out.key(), shown, "must not be the configuration file: the run"
                            + " would overwrite it (and clear would delete it)"));
                } else if (database.stream().anyMatch(d -> same(d, path))) {
                    problems.add(new ConfigProblem(out.key(), shown, "must not be the state database of"
                            + " global.db_uri (or its journal): writing events into it would destroy the run's state"));
                } else if (twice.isPresent()) {
                    problems.add(new ConfigProblem(out.key(), shown, "must differ from " + twice.get().key()
                            + ", which names the same file"));
                } else {
                    PathChecks.writableFileProblem(path).ifPresent(p -> problems.add(new ConfigProblem(out.key(),
                            shown, "must be a file synth can create and write, but it " + p)));
                }
                seen.add(out);
            }
        }
        return problems;
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
