package com.allocationdesk.allocation.installer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installer profile's test ({@code ./mvnw -B -Pinstaller verify}; failsafe runs only this class
 * there, and the normal build never picks it up: its name does not end in IT). The {@code .deb}
 * the profile built is unpacked into a temporary root ({@code dpkg-deb -x}, as {@code dpkg -i}
 * would lay it out under /), and the installed launcher runs the command line against a fresh
 * database, with no Java on the PATH and no JAVA_HOME: the package carries its own runtime.
 */
class InstalledDeskCheck {
    /** Where the profile put the packages (failsafe runs in the project folder). */
    private static final Path INSTALLER = Path.of("target", "installer");

    @TempDir
    static Path root;
    @TempDir
    Path work;

    private static Path deb() throws IOException {
        try (Stream<Path> files = Files.list(INSTALLER)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in " + INSTALLER + ": run ./mvnw -B -Pinstaller verify"));
        }
    }

    @BeforeAll
    static void install() throws Exception {
        Process unpack = new ProcessBuilder("dpkg-deb", "-x", deb().toString(), root.toString()).inheritIO().start();
        assertThat(unpack.waitFor(120, TimeUnit.SECONDS) && unpack.exitValue() == 0).as("dpkg-deb -x").isTrue();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run desk(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("opt/allocation-desk/bin/allocation-desk").toString());
        command.add("--db");
        command.add(work.resolve("data/desk").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", Files.createDirectories(work.resolve("empty-path")).toString()); // no java, nothing
        builder.environment().put("HOME", work.resolve("home").toString());
        builder.environment().put("LANG", "C.UTF-8");
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher ended: " + command).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theDebLaysOutTheLauncherItsOwnRuntimeAndADesktopEntry() {
        Path desk = root.resolve("opt/allocation-desk");
        assertThat(desk.resolve("bin/allocation-desk")).isExecutable();
        assertThat(desk.resolve("lib/runtime/lib/modules")).as("its own Java runtime").isRegularFile();
        assertThat(desk.resolve("lib/runtime/lib/server/classes.jsa")).as("the runtime's class-data-sharing archive").isRegularFile();
        assertThat(desk.resolve("lib/app/allocation-desk.jsa")).as("the desk's class-data-sharing archive").isRegularFile();
        assertThat(desk.resolve("lib/app/allocation-desk.classlist")).as("the classes it is dumped from: the command line's and the window's")
                .content().contains("com/allocationdesk/allocation/entrypoints/cli/AllocationDeskCommand")
                .contains("com/allocationdesk/allocation/entrypoints/ui/MainWindowController").contains("javafx/scene/control/TableView");
        assertThat(desk.resolve("lib/allocation-desk-allocation-desk.desktop")).content()
                .contains("Exec=/opt/allocation-desk/bin/allocation-desk").contains("Icon=/opt/allocation-desk/lib/allocation-desk.png");
    }

    @Test
    void installingPutsOnlyTheDeskInTheMenuAndWritesTheArchiveForTheInstalledPath(@TempDir Path control) throws Exception {
        Process extract = new ProcessBuilder("dpkg-deb", "-e", deb().toString(), control.toString()).inheritIO().start();
        assertThat(extract.waitFor(60, TimeUnit.SECONDS) && extract.exitValue() == 0).as("dpkg-deb -e").isTrue();
        String postinst = Files.readString(control.resolve("postinst"));
        assertThat(postinst.lines().filter(l -> l.contains("xdg-desktop-menu install")).toList())
                .containsExactly("        if ! xdg-desktop-menu install /opt/allocation-desk/lib/allocation-desk-allocation-desk.desktop 2>/dev/null; then");
        assertThat(postinst).contains("if ! /opt/allocation-desk/bin/allocation-desk-cds-dump >/dev/null 2>&1; then");
        assertThat(Files.readString(control.resolve("prerm")).lines().filter(l -> l.contains("xdg-desktop-menu")).toList())
                .containsExactly("        xdg-desktop-menu uninstall /opt/allocation-desk/lib/allocation-desk-allocation-desk.desktop 2>/dev/null || true");
        assertThat(Files.readString(control.resolve("control"))).as("the window needs GTK 3").containsPattern("Depends: .*libgtk-3-0");
    }

    @Test
    void theInstalledLauncherRunsTheCommandLineOnAFreshDatabaseWithNoJavaInstalled() throws Exception {
        Run added = desk("add-batch", "B1", "LAMP", "20");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).isEqualTo("Added batch B1: 20 x LAMP, in the warehouse\n");

        Run allocated = desk("allocate", "O1", "LAMP", "6");
        assertThat(allocated.out()).isEqualTo("B1\n");

        Run batches = desk("batches");
        assertThat(batches.exit()).isZero();
        assertThat(batches.out()).containsPattern("B1 +LAMP +warehouse +20 +6 +14");
        assertThat(batches.err()).as("nothing but the desk's own messages on the terminal").isEmpty();

        Run refused = desk("allocate", "O2", "LAMP", "abc");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("Quantity must be a whole number, was 'abc'");
        assertThat(refused.out()).isEmpty();
    }
}
