package com.allocationdesk.allocation.adapters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a test runs against a database, stopped and joined before the test ends, so before
 * its database is closed: a worker that outlived its test, still inside a transaction, once held
 * the database's close up and hung the suite. Use it in try-with-resources around the work;
 * {@link #close} interrupts what still runs and waits up to {@link #STOP_WITHIN} for every worker
 * to end, and fails the test when one does not.
 */
public final class Workers implements AutoCloseable {
    /** Time for a stopped worker to finish the command it is in; far less than the tests' timeouts. */
    public static final Duration STOP_WITHIN = Duration.ofSeconds(30);

    private final String name;
    private final Duration stopWithin;
    private final ExecutorService pool;

    public Workers(String name, int threads) {
        this(name, threads, STOP_WITHIN);
    }

    Workers(String name, int threads, Duration stopWithin) {
        this.name = name;
        this.stopWithin = stopWithin;
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /**
     * Interrupts the workers still running and waits for all of them to end.
     *
     * @throws AssertionError when one is still running after {@link #STOP_WITHIN}
     */
    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(stopWithin.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The " + name + " workers were still running " + stopWithin.toMillis()
                    + " ms after they were stopped (waiting for a lock?); their database must not be closed under them."
                    + " Where they are:" + stacks());
        }
    }

    /** The stacks of this pool's threads, for the failure message: where a stuck worker waits. */
    private String stacks() {
        StringBuilder where = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (thread.getName().startsWith(name + "-")) {
                where.append("\n\"").append(thread.getName()).append("\" ").append(thread.getState());
                for (StackTraceElement frame : frames) {
                    where.append("\n    at ").append(frame);
                }
            }
        });
        return where.toString();
    }

    /** One worker's share of {@link #runTogether}. */
    @FunctionalInterface
    public interface Work {
        void run(int thread) throws Exception;
    }

    /**
     * Starts {@code threads} workers together on {@code work}, waits for all of them and rethrows
     * the first failure; when one fails, the others are stopped and joined before this returns.
     */
    public static void runTogether(String name, int threads, Work work) throws Exception {
        try (Workers workers = new Workers(name, threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(workers.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }
}
