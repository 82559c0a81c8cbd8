package com.allocationdesk.allocation.entrypoints.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where logback.xml writes the log file; the same rule, so exit code 1 can point the planner there. */
final class LogLocation {
    private LogLocation() {
    }

    static Path file(Map<String, String> env) {
        String property = System.getProperty("allocationdesk.logdir");
        if (property != null && !property.isBlank()) {
            return Path.of(property, "allocation-desk.log");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return data.resolve("allocation-desk").resolve("logs").resolve("allocation-desk.log");
    }
}
