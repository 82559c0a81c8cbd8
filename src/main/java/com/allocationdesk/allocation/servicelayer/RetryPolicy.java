package com.allocationdesk.allocation.servicelayer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently the bus re-runs a handler after a {@link ConcurrentModification}:
 * up to {@code maxAttempts} in all, pausing a random time up to {@code baseBackoff} times the
 * attempt number between them (jitter keeps competing writers from colliding again).
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Sleeper sleeper) {
    /**
     * Thirty attempts, pausing up to 5 ms more before each (about two seconds in all before giving
     * up), so eight windows and imports writing to one SKU at once still get through
     * (ConcurrentAllocationsIT). Why these numbers, and the give-ups with fewer: docs/decisions/0008.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(30, Duration.ofMillis(5), Sleeper.THREAD);

    /**
     * Attempts a handler call makes alongside the desk's other calls; the attempts after them it
     * makes alone, so a writer in this process cannot lose forever to the others (decision 0019).
     * Writers in other processes (other desks on a shared server) can still beat it: for them
     * {@code maxAttempts} stays the limit.
     */
    public static final int SHARED_ATTEMPTS = 3;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Never retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Sleeper.THREAD);
    }

    void pauseBefore(int nextAttempt) throws InterruptedException {
        long bound = baseBackoff.toNanos() * (nextAttempt - 1);
        if (bound > 0) {
            sleeper.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1)));
        }
    }

    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

        void sleep(Duration duration) throws InterruptedException;
    }
}
