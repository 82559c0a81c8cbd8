package com.allocationdesk.allocation.adapters.eventlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Who writes: {@code user@host} of this process, as each log entry names it ({@code desk}). The
 * host comes from the environment or {@code /etc/hostname}, never from a DNS lookup (which can
 * hang for seconds on a machine without network).
 */
public final class DeskName {
    /** Longest name stored (the column holds 200). */
    private static final int MAX = 200;

    private DeskName() {
    }

    /** This process's desk name. */
    public static String current() {
        return of(System.getProperty("user.name"), System.getenv(), Path.of("/etc/hostname"));
    }

    static String of(String user, Map<String, String> env, Path hostnameFile) {
        String host = firstNonBlank(env.get("HOSTNAME"), env.get("COMPUTERNAME"), read(hostnameFile));
        String name = (blank(user) ? "unknown" : user.strip()) + "@"
                + (host == null ? "localhost" : host.strip().toLowerCase(Locale.ROOT));
        return name.length() <= MAX ? name : name.substring(0, MAX);
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (!blank(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
