package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.lifecycle.ShutdownHook;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What {@code publish --follow} and {@code inbox --follow} share: do a pass, wait a second, again,
 * until the JVM is asked to stop (Ctrl+C, SIGTERM). The stop is a flag the pass is handed, never
 * an interrupt, so the work in hand (a file, a chunk) is finished and the database closed before
 * the JVM ends.
 */
final class FollowLoop {
    /** How long the loop waits between two passes. */
    static final long PAUSE_MILLIS = 1000;

    /** One pass; it should return soon after {@code stop} says so. */
    @FunctionalInterface
    interface Pass {
        void run(BooleanSupplier stop);
    }

    private FollowLoop() {
    }

    /** Runs passes until stopped, then closes {@code app} (inside the shutdown, so the JVM waits for it). */
    static void run(Bootstrap app, String threadName, Pass pass) {
        run(app, threadName, pass, () -> { });
    }

    /**
     * The same, then {@code stopped} (the last words: what was done) once the loop ended by a stop
     * and {@code app} is closed. It runs before the shutdown hook lets the JVM end: anything said
     * after {@code run} returns may never be printed when the stop was a signal, since the JVM halts
     * as soon as its hooks are done.
     */
    static void run(Bootstrap app, String threadName, Pass pass, Runnable stopped) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        ShutdownHook onStop = ShutdownHook.add(threadName, () -> {
            stop.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS); // the JVM waits for this hook: let the database close first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        boolean ended = false;
        try {
            do {
                pass.run(() -> stop.getCount() == 0);
            } while (!stopped(stop));
            ended = true;
        } finally {
            try {
                app.close();
                if (ended) {
                    stopped.run();
                }
            } finally {
                closed.countDown();
            }
            onStop.remove();
        }
    }

    /** Waits up to a pause for the stop; an interrupted thread stops too. */
    private static boolean stopped(CountDownLatch stop) {
        try {
            return stop.await(PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
