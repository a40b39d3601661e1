package dev.synth.engine;

import dev.synth.SynthException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The threads that simulate shards: {@link #map} runs one task per shard and returns the results in shard
 * order, whatever thread finished first, so what follows is the same for every thread count. With one thread
 * the tasks run on the caller's thread. Used from the simulation thread only.
 */
final class Workers implements AutoCloseable {
    private final ExecutorService pool;
    private final int threads;

    Workers(String name, int threads) {
        this.threads = threads;
        if (threads <= 1) {
            this.pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    int threads() {
        return threads;
    }

    /** {@code task} applied to every item, on the workers; the results in the items' order. */
    <T, R> List<R> map(List<T> items, Function<T, R> task) {
        List<R> results = new ArrayList<>(items.size());
        if (pool == null || items.size() < 2) {
            for (T item : items) {
                results.add(task.apply(item));
            }
            return results;
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> task.apply(item)));
        }
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SynthException("interrupted while waiting for the shards", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                RuntimeException r = cause instanceof RuntimeException re ? re
                        : new SynthException("a shard failed: " + cause.getMessage(), cause);
                if (failure == null) {
                    failure = r;
                } else if (failure != r) {
                    failure.addSuppressed(r);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
