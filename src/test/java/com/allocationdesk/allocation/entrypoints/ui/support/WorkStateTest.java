package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.InvalidCommand;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one way a view model runs work: busy while it runs, its failure on the error line. */
class WorkStateTest {
    private final InlineRunner runner = new InlineRunner();
    private final WorkState work = new WorkState(runner);
    private final List<String> seen = new ArrayList<>();

    @Test
    void theScreenIsBusyWhileItsWorkRunsAndTheResultArrivesAfterwards() {
        work.task(progress -> {
                    seen.add("running, busy " + work.isBusy());
                    return 42;
                })
                .onSuccess(value -> seen.add("got " + value + ", busy " + work.isBusy()))
                .onFailure(sentence -> seen.add("failed " + sentence))
                .start();

        assertThat(seen).containsExactly("running, busy true", "got 42, busy false");
        assertThat(work.busyProperty().get()).isFalse();
        assertThat(work.errorMessageProperty().get()).isEmpty();
    }

    @Test
    void aFailureIsToldInThePlannersWordsOnTheErrorLine() {
        work.task(progress -> {
                    throw new InvalidCommand("Batch B-1 already exists");
                })
                .onSuccess(value -> seen.add("succeeded"))
                .onFailure(sentence -> seen.add("failed: " + sentence + ", busy " + work.isBusy()))
                .start();

        assertThat(work.errorMessageProperty().get()).isEqualTo("Batch B-1 already exists");
        assertThat(seen).containsExactly("failed: Batch B-1 already exists, busy false");
        assertThat(work.isBusy()).isFalse();
    }

    @Test
    void aScreenMaySayMoreAboutAFailure() {
        work.task(progress -> {
                    throw new InvalidCommand("no such SKU");
                })
                .failureText(error -> "Could not load the sample data: " + ErrorText.of(error))
                .onFailure(seen::add)
                .start();

        assertThat(work.errorMessageProperty().get()).isEqualTo("Could not load the sample data: no such SKU");
        assertThat(seen).containsExactly("Could not load the sample data: no such SKU");
    }

    @Test
    void anUnexpectedFailureIsOneSentenceThatPointsToTheLog() {
        work.task(progress -> {
            throw new IllegalStateException("connection reset");
        }).start();

        assertThat(work.errorMessageProperty().get())
                .isEqualTo("Something went wrong: connection reset (details are in the log)");
    }

    @Test
    void aRefusedCommandIsTheErrorLineAndNothingRuns() {
        Optional<String> built = work.attempt(() -> {
            throw new InvalidCommand("Quantity must be positive, was 0");
        });

        assertThat(built).isEmpty();
        assertThat(work.errorMessageProperty().get()).isEqualTo("Quantity must be positive, was 0");
        assertThat(runner.submitted).isZero();
        assertThat(work.isBusy()).isFalse();
    }

    @Test
    void aNewAttemptClearsTheLastErrorButATaskAloneKeepsIt() {
        work.fail(new InvalidCommand("Unknown SKU NOPE"));
        work.task(progress -> "quiet").start();
        assertThat(work.errorMessageProperty().get()).as("a task alone keeps it").isEqualTo("Unknown SKU NOPE");

        assertThat(work.attempt(() -> "command")).contains("command");
        assertThat(work.errorMessageProperty().get()).as("an attempt clears it").isEmpty();

        work.fail(new InvalidCommand("again"));
        work.clearError();
        assertThat(work.errorMessageProperty().get()).isEmpty();
    }

    @Test
    void progressReachesTheScreenBeforeTheResult() {
        work.task(progress -> {
                    progress.update(1, 3);
                    progress.update(3, 3);
                    return "done";
                })
                .onProgress((done, total) -> seen.add(done + "/" + total))
                .onSuccess(seen::add)
                .start();

        assertThat(seen).containsExactly("1/3", "3/3", "done");
    }

    @Test
    void theScreenStaysBusyUntilEveryPieceOfItsWorkEnded() {
        runner.holding = true;
        work.task(progress -> "first").onSuccess(seen::add).start();
        work.task(progress -> {
            throw new InvalidCommand("second failed");
        }).start();
        assertThat(work.isBusy()).isTrue();
        assertThat(seen).as("nothing ran yet").isEmpty();

        runner.releaseNext();
        assertThat(seen).containsExactly("first");
        assertThat(work.isBusy()).as("the second still runs").isTrue();

        runner.releaseNext();
        assertThat(work.isBusy()).isFalse();
        assertThat(work.errorMessageProperty().get()).isEqualTo("second failed");
    }

    @Test
    void theJobCancelsTheWork() {
        runner.holding = true;
        BackgroundRunner.Job job = work.task(progress -> progress.isCancelled() ? "stopped" : "finished")
                .onSuccess(seen::add)
                .start();

        job.cancel();
        runner.releaseNext();

        assertThat(seen).containsExactly("stopped");
        assertThat(work.isBusy()).isFalse();
    }
}
