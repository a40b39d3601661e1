package dev.synth.examples;

import dev.synth.config.SimulationConfig;
import dev.synth.engine.Human;
import dev.synth.spi.RunKey;
import dev.synth.spi.SimulationListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-line progress bar on an interactive terminal, redrawn in place (carriage return) at most every
 * 200 ms: share of the simulated span done, simulated time, log events, speed and the estimated time left.
 * In live mode (no end) it shows the simulated time and the events so far. Used by {@code run} when standard
 * error is a terminal; otherwise the engine's plain progress lines (every 10 s) are the progress report.
 */
final class ProgressBar implements SimulationListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final Instant start;
    private final Instant end;
    private long startedNanos;
    private Instant resumedAt;
    private long lastDraw;
    private long logEvents;
    private boolean drawn;

    ProgressBar(PrintWriter err, SimulationConfig config, Instant endOverride) {
        this.err = err;
        this.start = config.global().startTs();
        this.end = endOverride != null ? endOverride : config.global().endTs().orElse(null);
    }

    /**
     * Silences the engine's own progress lines (they would tear the bar) unless DEBUG is on; returns what puts
     * the level back.
     */
    static Runnable quietEngineLines() {
        org.slf4j.Logger engine = org.slf4j.LoggerFactory.getLogger("dev.synth.engine.Driver");
        if (engine instanceof ch.qos.logback.classic.Logger logback && !engine.isDebugEnabled()) {
            ch.qos.logback.classic.Level before = logback.getLevel();
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
            return () -> logback.setLevel(before);
        }
        return () -> {
        };
    }

    @Override
    public void runStarted(RunKey run, Instant clock, boolean resumed) {
        startedNanos = System.nanoTime();
        resumedAt = clock;
    }

    @Override
    public void stepFinished(StepSummary step) {
        logEvents += step.logEvents();
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(step.clock(), now);
    }

    @Override
    public void runFinished(Instant clock) {
        if (drawn) {
            draw(clock, System.nanoTime());
            err.println();
            err.flush();
        }
    }

    private void draw(Instant clock, long now) {
        Duration wall = Duration.ofNanos(now - startedNanos);
        double seconds = wall.toNanos() / 1e9;
        String speed = seconds <= 0 ? "" : " (" + Human.count(Math.round(logEvents / seconds)) + "/s)";
        String line;
        if (end == null || !end.isAfter(start)) {
            line = "simulated " + clock + "; " + Human.count(logEvents) + " log events" + speed;
        } else {
            double total = Duration.between(start, end).toMillis();
            double share = Duration.between(start, clock).toMillis() / total;
            int filled = (int) Math.round(Math.max(0, Math.min(1, share)) * WIDTH);
            double doneThisCall = Duration.between(resumedAt, clock).toMillis();
            double left = Duration.between(clock, end).toMillis();
            String eta = doneThisCall <= 0 ? "?" : Human.duration(Duration.ofMillis(Math.round(
                    wall.toMillis() * left / doneThisCall)));
            line = "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + Human.percent(share) + "  "
                    + clock + "  " + Human.count(logEvents) + " log events" + speed + "  ETA " + eta;
        }
        err.print("\r" + line + "\u001b[K");
        err.flush();
        drawn = true;
    }
}
