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

    @Test
    void aWindowWithoutGtkSaysWhatToInstall() {
        Throwable javaFx = new RuntimeException(new UnsupportedOperationException("Unable to load glass GTK library."));

        assertThat(LastResort.whyNoWindow(javaFx, java.util.Map.<String, String>of())).isEqualTo("the GTK 3 library is missing (install"
                + " libgtk-3-0 on Debian or Ubuntu, gtk3 on Fedora)");
    }

    @Test
    void aDisplayThatCannotBeOpenedIsNamed() {
        Throwable javaFx = new UnsupportedOperationException("Unable to open DISPLAY");

        assertThat(LastResort.whyNoWindow(javaFx, java.util.Map.of("DISPLAY", ":97"))).isEqualTo("the display :97 cannot be opened");
    }
}
