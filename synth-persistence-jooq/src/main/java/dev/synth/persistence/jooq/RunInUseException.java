package dev.synth.persistence.jooq;

import dev.synth.StateStoreException;
import dev.synth.spi.RunKey;
import java.time.Duration;

/**
 * Another process (or another store in this JVM) is simulating the run: its lease on the run is alive. Nothing
 * was changed. Start the run again once the other process has stopped, or - if it was killed on another host -
 * once its lease has lapsed.
 */
public final class RunInUseException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    private final transient RunKey run;
    private final String owner;

    RunInUseException(RunKey run, String owner, Duration sinceHeartbeat, Duration leaseTimeout, String location) {
        super("[" + run + "] refused: run " + run + " is being simulated by another process (" + owner
                + ", last heartbeat " + sinceHeartbeat.toSeconds() + " s ago) in " + location
                + "; only one process may run an (organisation, project) at a time. Stop the other process, or wait"
                + " until its lease lapses (" + leaseTimeout.toSeconds() + " s without a heartbeat)");
        this.run = run;
        this.owner = owner;
    }

    /** The run that is in use. */
    public RunKey run() {
        return run;
    }

    /** The lease owner, {@code pid@host#n}. */
    public String owner() {
        return owner;
    }
}
