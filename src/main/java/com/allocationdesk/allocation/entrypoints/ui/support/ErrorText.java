package com.allocationdesk.allocation.entrypoints.ui.support;

import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.entrypoints.imports.PartlyImported;
import com.allocationdesk.allocation.entrypoints.imports.UnusableInput;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CancellationException;

/** Turns a failure into a sentence for the planner; unexpected ones are logged with their stack trace. */
public final class ErrorText {
    private static final Logger log = LoggerFactory.getLogger(ErrorText.class);

    private ErrorText() {
    }

    public static String of(Throwable error) {
        if (error instanceof PartlyImported partly) {
            // how far the import got comes first: its cause alone would not say that rows are in
            log.warn("Import stopped part-way", error);
            return partly.getMessage();
        }
        if (error instanceof OutOfMemoryError) {
            log.error("Out of memory", error);
            return "There was not enough memory to finish (details are in the log)";
        }
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof DomainException || cause instanceof UnusableInput) {
                return cause.getMessage();
            }
            if (cause instanceof DatabaseUnavailable) {
                // already open elsewhere, not ours, unwritable folder: the message says what to do
                log.warn("Database unavailable", error);
                return cause.getMessage();
            }
            if (cause instanceof CancellationException) {
                return "Cancelled";
            }
            cause = cause.getCause();
        }
        log.error("Unexpected failure", error);
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return "Something went wrong: " + message + " (details are in the log)";
    }
}
