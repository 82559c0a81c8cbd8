package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.UnknownBatch;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTextTest {
    @Test
    void aRuleTheDomainEnforcesIsToldInItsOwnWords() {
        assertThat(ErrorText.of(new CompletionException(new UnknownBatch("B-9"))))
                .isEqualTo(new UnknownBatch("B-9").getMessage());
    }

    @Test
    void aDatabaseInUseIsToldPlainlyNotAsSomethingUnexpected() {
        String message = "Allocation Desk is already open on this database: /data/desk";

        assertThat(ErrorText.of(new IllegalStateException("startup", new DatabaseUnavailable(message))))
                .isEqualTo(message);
    }

    @Test
    void aCancelledTaskSaysSo() {
        assertThat(ErrorText.of(new CancellationException())).isEqualTo("Cancelled");
    }

    @Test
    void anythingElseIsUnexpectedAndPointsToTheLog() {
        assertThat(ErrorText.of(new IllegalStateException("boom")))
                .startsWith("Something went wrong: boom").endsWith("(details are in the log)");
    }

    @Test
    void runningOutOfMemoryIsOneLineWithoutTheJvmsText() {
        assertThat(ErrorText.of(new OutOfMemoryError("Java heap space")))
                .isEqualTo("There was not enough memory to finish (details are in the log)");
    }
}
