package dev.synth;

import dev.synth.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The one retry policy of synth (DECISIONS D29), used by the SQL state store, the HTTP sink and the HTTP nudge
 * client: up to {@code maxAttempts} attempts; after failed attempt {@code n} (1-based) it waits
 * {@code min(maxDelay, initialDelay * 2^(n-1))}; and it starts no further attempt once the wait would end more
 * than {@code budget} after the first attempt began. So an operation fails at the latest after {@code budget}
 * plus the duration of one attempt (which the caller bounds with its own timeouts).
 *
 * <p>{@link #execute} is the retry loop itself; a caller with extra rules of its own (the HTTP sink's jitter and
 * {@code Retry-After}) uses {@link #delayAfter} and {@link #allowsAnotherAttempt} and waits through the same
 * {@link Sleeper}.
 *
 * @param maxAttempts  attempts in all, at least 1
 * @param initialDelay wait after the first failure
 * @param maxDelay     cap of the wait between attempts
 * @param budget       longest time from the first attempt's start to the start of the last one
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration budget) {
    /** No time budget: only {@code maxAttempts} limits the retries. */
    public static final Duration NO_BUDGET = Duration.ofDays(365_000);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(budget, "budget");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts was " + maxAttempts + " but must be >= 1");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, was " + initialDelay + " and "
                    + maxDelay);
        }
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget was " + budget + " but must not be negative");
        }
    }

    /** A policy limited by attempts only ({@link #NO_BUDGET}). */
    public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        this(maxAttempts, initialDelay, maxDelay, NO_BUDGET);
    }

    /** This policy with another time budget. */
    public RetryPolicy withBudget(Duration budget) {
        return new RetryPolicy(maxAttempts, initialDelay, maxDelay, budget);
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        long initial = initialDelay.toNanos();
        long cap = maxDelay.toNanos();
        int shift = Math.max(0, attempt - 1);
        long nanos = shift >= 62 || initial > (cap >> Math.min(shift, 62)) ? cap : Math.min(cap, initial << shift);
        return Duration.ofNanos(nanos);
    }

    /** The sum of all waits when every attempt fails (without the attempts' own durations). */
    public Duration totalDelay() {
        Duration sum = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            sum = sum.plus(delayAfter(attempt));
        }
        return sum;
    }

    /**
     * Whether, after failed attempt number {@code attempt}, another attempt may follow a wait of {@code wait}
     * when {@code elapsed} has passed since the first attempt began.
     */
    public boolean allowsAnotherAttempt(int attempt, Duration elapsed, Duration wait) {
        return attempt < maxAttempts && elapsed.plus(wait).compareTo(budget) <= 0;
    }

    /** One attempt of an operation. */
    @FunctionalInterface
    public interface Attempt<T> {
        /** Tries once; throws to report the failure. */
        T run() throws Exception;
    }

    /** What {@link #execute} asks its caller: which failures to retry, and how to report. */
    public interface Handler {
        /** Whether {@code failure} may go away on its own (a lost connection, a busy server). */
        boolean isRetryable(Exception failure);

        /** Called once per retry, before the wait; typically one WARN line without a stack trace. */
        void retrying(int attempt, Exception failure, Duration wait);

        /**
         * The exception to throw when giving up: {@code retryable} false for a failure that is not retried,
         * else the attempts made and the time spent.
         */
        RuntimeException giveUp(Exception failure, boolean retryable, int attempts, Duration elapsed);

        /** The exception to throw when a wait is interrupted (the thread's interrupt flag is set again). */
        RuntimeException interrupted(Exception lastFailure);
    }

    /**
     * Runs {@code attempt} until it succeeds, fails with a failure the handler does not retry, or the policy is
     * exhausted; waits with {@code sleeper} and measures the budget with {@code clock}.
     */
    public <T> T execute(Attempt<T> attempt, Handler handler, Sleeper sleeper, Clock clock) {
        long start = clock.millis();
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                Duration elapsed = Duration.ofMillis(Math.max(0, clock.millis() - start));
                if (!handler.isRetryable(e)) {
                    throw handler.giveUp(e, false, n, elapsed);
                }
                Duration wait = delayAfter(n);
                if (!allowsAnotherAttempt(n, elapsed, wait)) {
                    throw handler.giveUp(e, true, n, elapsed);
                }
                handler.retrying(n, e, wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw handler.interrupted(e);
                }
            }
        }
    }

    /** E.g. {@code 8 attempts, 100 ms doubling up to 5000 ms, budget 20 s}. */
    @Override
    public String toString() {
        return maxAttempts + " attempts, " + initialDelay.toMillis() + " ms doubling up to " + maxDelay.toMillis()
                + " ms" + (budget.equals(NO_BUDGET) ? "" : ", budget " + budget.toSeconds() + " s");
    }
}
