package com.allocationdesk.allocation.entrypoints;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When GTK's dconf would complain on the terminal, and so the window gets its settings in memory. */
class WindowProcessTest {
    @TempDir
    Path dir;

    @Test
    void aRuntimeFolderThatIsAFileKeepsDconfFromWorking() throws Exception {
        Path file = Files.writeString(dir.resolve("runtime"), "");

        assertThat(WindowProcess.dconfUnusable(Map.of("XDG_RUNTIME_DIR", file.toString()), "Linux", "/home/x"))
                .hasValueSatisfying(reason -> assertThat(reason).contains(file.resolve("dconf").toString()));
    }

    @Test
    void aWritableRuntimeFolderIsFineAndGetsDconfsFolder() {
        assertThat(WindowProcess.dconfUnusable(Map.of("XDG_RUNTIME_DIR", dir.toString(),
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"), "Linux", "/home/x")).isEmpty();
        assertThat(dir.resolve("dconf")).isDirectory();
    }

    @Test
    void withoutARuntimeFolderDconfUsesTheHomesCache() throws Exception {
        Path home = Files.writeString(dir.resolve("home-is-a-file"), "");

        assertThat(WindowProcess.dconfFolder(Map.of("HOME", "/home/x"), "/ignored")).isEqualTo(Path.of("/home/x/.cache/dconf"));
        assertThat(WindowProcess.dconfUnusable(Map.of("HOME", home.toString()), "Linux", "/ignored")).isPresent();
    }

    @Test
    void withoutASessionBusToReachDconfCannotCommitItsChanges() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Map<String, String> noBus = Map.of("XDG_RUNTIME_DIR", dir.toString(), "PATH", bin.toString());
        assertThat(WindowProcess.dconfUnusable(noBus, "Linux", "/home/x"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no D-Bus session bus"));

        assertThat(WindowProcess.noSessionBus(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/tmp/bus", "PATH", bin.toString())))
                .as("an address").isEmpty();
        Files.writeString(dir.resolve("bus"), "");
        assertThat(WindowProcess.noSessionBus(noBus)).as("the runtime folder's bus").isEmpty();
        Files.delete(dir.resolve("bus"));
        Path launcher = Files.writeString(bin.resolve("dbus-launch"), "#!/bin/sh\n");
        launcher.toFile().setExecutable(true);
        assertThat(WindowProcess.noSessionBus(noBus)).as("dbus-launch on the PATH").isEmpty();
    }

    @Test
    void aChosenSettingsBackendOrAnotherSystemIsLeftAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("runtime"), "");

        assertThat(WindowProcess.dconfUnusable(Map.of("XDG_RUNTIME_DIR", file.toString(), "GSETTINGS_BACKEND", "memory"),
                "Linux", "/home/x")).isEmpty();
        assertThat(WindowProcess.dconfUnusable(Map.of("XDG_RUNTIME_DIR", file.toString()), "Windows 11", "C:\\Users\\x")).isEmpty();
    }

    @Test
    void theChildIsThisJvmsJavaEvenWhenTheInstalledLauncherStartedIt() {
        // started by /opt/allocation-desk/bin/allocation-desk, the process's command is that launcher, not java
        assertThat(WindowProcess.childCommand("/opt/allocation-desk/lib/runtime", java.util.List.of("-XX:SharedArchiveFile=a.jsa"),
                "/opt/allocation-desk/lib/app/allocation-desk.jar", new String[] {"--db", "/srv/desk"}))
                .containsExactly("/opt/allocation-desk/lib/runtime/bin/java", "-XX:SharedArchiveFile=a.jsa",
                        "-cp", "/opt/allocation-desk/lib/app/allocation-desk.jar", Main.class.getName(), "--db", "/srv/desk");
    }
}
