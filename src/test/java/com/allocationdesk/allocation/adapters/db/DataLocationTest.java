package com.allocationdesk.allocation.adapters.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataLocationTest {
    private static final Map<String, String> HOME_ONLY = Map.of("HOME", "/home/planner");

    @Test
    void theDbOptionWinsOverEverything() {
        assertThat(DataLocation.resolve("/data/desk", Map.of("ALLOCATION_DESK_DB", "/env/desk", "XDG_DATA_HOME", "/xdg")))
                .isEqualTo(Path.of("/data/desk"));
    }

    @Test
    void thenTheEnvironmentVariable() {
        assertThat(DataLocation.resolve(null, Map.of("ALLOCATION_DESK_DB", "/env/desk", "XDG_DATA_HOME", "/xdg")))
                .isEqualTo(Path.of("/env/desk"));
    }

    @Test
    void thenTheXdgDataHome() {
        assertThat(DataLocation.resolve(" ", Map.of("XDG_DATA_HOME", "/xdg", "HOME", "/home/planner")))
                .isEqualTo(Path.of("/xdg/allocation-desk/allocation-desk"));
    }

    @Test
    void elseTheUsersLocalShareFolder() {
        assertThat(DataLocation.resolve(null, HOME_ONLY))
                .isEqualTo(Path.of("/home/planner/.local/share/allocation-desk/allocation-desk"));
    }

    @Test
    void aRelativeXdgDataHomeIsIgnoredAsTheSpecSays() {
        assertThat(DataLocation.resolve(null, Map.of("XDG_DATA_HOME", "relative", "HOME", "/home/planner")))
                .isEqualTo(Path.of("/home/planner/.local/share/allocation-desk/allocation-desk"));
    }

    @Test
    void aRelativeDbOptionIsMadeAbsolute() {
        Path resolved = DataLocation.resolve("desk", HOME_ONLY);

        assertThat(resolved.isAbsolute()).isTrue();
        assertThat(resolved.getFileName()).hasToString("desk");
    }

    @Test
    void theLogFileIsInTheSameFolderAsTheDefaultDatabase() {
        String saved = System.clearProperty(DataLocation.LOG_DIR_PROPERTY);
        try {
            Map<String, String> env = Map.of("XDG_DATA_HOME", "relative", "HOME", "/home/planner");
            assertThat(DataLocation.logFile(env))
                    .isEqualTo(Path.of("/home/planner/.local/share/allocation-desk/logs/allocation-desk.log"));
            assertThat(DataLocation.logFile(env).getParent().getParent()).isEqualTo(DataLocation.resolve(null, env).getParent());
        } finally {
            if (saved != null) {
                System.setProperty(DataLocation.LOG_DIR_PROPERTY, saved);
            }
        }
    }

    @Test
    void theLogDirectoryPropertyWinsForTheLogFile() {
        String saved = System.setProperty(DataLocation.LOG_DIR_PROPERTY, "/var/log/desk");
        try {
            assertThat(DataLocation.logFile(HOME_ONLY)).isEqualTo(Path.of("/var/log/desk/allocation-desk.log"));
        } finally {
            if (saved == null) {
                System.clearProperty(DataLocation.LOG_DIR_PROPERTY);
            } else {
                System.setProperty(DataLocation.LOG_DIR_PROPERTY, saved);
            }
        }
    }
}
