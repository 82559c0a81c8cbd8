package com.allocationdesk.allocation.adapters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class WorkersTest {
    @Test
    void whenOneWorkerFailsTheOthersAreStoppedAndHaveEndedBeforeTheFailureIsThrown() {
        AtomicBoolean otherEnded = new AtomicBoolean();
        CountDownLatch otherRunning = new CountDownLatch(1);
        IllegalStateException failure = new IllegalStateException("worker 0 failed");

        assertThatThrownBy(() -> Workers.runTogether("test", 2, thread -> {
            if (thread == 0) {
                otherRunning.await(5, TimeUnit.SECONDS);
                throw failure;
            }
            try {
                otherRunning.countDown();
                new CountDownLatch(1).await(); // until interrupted
            } finally {
                otherEnded.set(true);
            }
        })).isInstanceOf(ExecutionException.class).hasCause(failure);
        assertThat(otherEnded).as("the other worker ended before runTogether returned").isTrue();
    }

    @Test
    void closeFailsWhenAWorkerDoesNotEndInTime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        Workers workers = new Workers("stubborn", 1, Duration.ofMillis(200));
        workers.submit(() -> {
            running.countDown();
            while (true) {
                try {
                    if (release.await(10, TimeUnit.MILLISECONDS)) {
                        return null;
                    }
                } catch (InterruptedException e) {
                    // ignores being stopped, like a thread waiting for a database lock
                }
            }
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(workers::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("stubborn workers were still running 200 ms after they were stopped")
                .hasMessageContaining("\"stubborn-1\"").hasMessageContaining("WorkersTest");
        release.countDown();
        workers.close();
    }
}
