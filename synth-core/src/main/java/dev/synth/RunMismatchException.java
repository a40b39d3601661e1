package dev.synth;

import dev.synth.spi.RunKey;
import java.util.List;
import java.util.Objects;

/**
 * A stored run cannot be resumed with this configuration: a setting that shapes its events (or its seed)
 * differs from the one the run was started with. Nothing was written. The message names every changed
 * setting and how to start over; the command line exits with status 2.
 */
public final class RunMismatchException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final transient RunKey run;
    private final transient List<String> changes;

    /** {@code changes}: one line per changed setting, e.g. {@code users.population.initial_count is 60, ...}. */
    public RunMismatchException(RunKey run, List<String> changes) {
        super(render(run, changes));
        this.run = Objects.requireNonNull(run, "run");
        this.changes = List.copyOf(changes);
    }

    /** The stored run. */
    public RunKey run() {
        return run;
    }

    /** One line per changed setting. */
    public List<String> changes() {
        return changes;
    }

    private static String render(RunKey run, List<String> changes) {
        StringBuilder b = new StringBuilder("the stored run ").append(run)
                .append(" was started with a different configuration; refusing to resume it:");
        for (String change : changes) {
            b.append("\n  - ").append(change);
        }
        return b.append("\nTo start over (this deletes the stored run and truncates its output files): run --fresh,")
                .append(" or Simulation.builder().fresh(). To keep the stored run, restore those settings, or give")
                .append(" this configuration its own global.organisation/global.project.").toString();
    }
}
