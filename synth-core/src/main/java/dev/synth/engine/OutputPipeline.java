package dev.synth.engine;

import dev.synth.SynthException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes and commits steps on a second thread while the simulation computes the next step: the two halves
 * of a run (generating events; writing them and committing state) then use two cores. Steps are committed
 * strictly in order, one at a time, and at most {@code depth} steps wait, so memory stays bounded.
 *
 * <p>If a commit fails, later steps are discarded (never committed) and the failure is rethrown to the
 * simulation thread at its next {@link #submit} or at {@link #finish}: the stored state and the outputs
 * stay at the last committed step (D8).
 */
final class OutputPipeline {
    private static final Runnable END = () -> {
    };

    private final BlockingQueue<Runnable> queue;
    private final Thread thread;
    private volatile Throwable failure;

    OutputPipeline(String name, int depth) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues one step's commit; blocks while {@code depth} steps are waiting. */
    void submit(Runnable commit) {
        rethrow();
        try {
            queue.put(commit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthException("interrupted while handing a step to the output thread", e);
        }
    }

    /** Waits until every step queued so far is committed (or a commit failed); rethrows a failure. */
    void awaitIdle() {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        submit(new Barrier(done));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthException("interrupted while waiting for the output thread", e);
        }
        rethrow();
    }

    /** Runs even after a failure, so that {@link #awaitIdle} always returns. */
    private record Barrier(java.util.concurrent.CountDownLatch done) implements Runnable {
        @Override
        public void run() {
            done.countDown();
        }
    }

    /** Waits until every queued step is committed; rethrows a failure. */
    void finish() {
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthException("interrupted while waiting for the output thread", e);
        }
        rethrow();
    }

    private void loop() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == END) {
                return;
            }
            if (failure != null && !(task instanceof Barrier)) {
                continue;
            }
            try {
                task.run();
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new SynthException("output failed: " + t.getMessage(), t);
        }
    }
}
