package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LastResortTest {
    private static final Path LOG = Path.of("/var/log/desk.log");

    @Test
    void aPathThatLooksLikeAClassNameIsKeptWhole() {
        DatabaseUnavailable e = new DatabaseUnavailable("There is no backup 'x' (backups are the folders in "
                + "/tmp/tmp.WdiU82PycP/desk.backups)", new IllegalStateException("java.nio.file.NoSuchFileException: y"));

        assertThat(LastResort.withoutLibraryText(e, LOG)).contains("/tmp/tmp.WdiU82PycP/desk.backups");
    }

    @Test
    void classNamesAndLibraryTextAreStillTakenOut() {
        DatabaseUnavailable e = new DatabaseUnavailable("Cannot lock the database /data/desk: java.io.IOException: No space left",
                new IOException("No space left"));

        assertThat(LastResort.withoutLibraryText(e, LOG)).isEqualTo("Cannot lock the database /data/desk (details are in "
                + LOG + ")");
    }
}
