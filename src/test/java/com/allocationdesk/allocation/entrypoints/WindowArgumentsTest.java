package com.allocationdesk.allocation.entrypoints;

import com.allocationdesk.allocation.entrypoints.cli.AllocationDeskCommand;
import com.allocationdesk.allocation.entrypoints.cli.ExitCode;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which arguments open the window, and how the window's arguments are checked before JavaFX starts. */
class WindowArgumentsTest {

    @Test
    void theWindowsOwnOptionsInAnyOrderOpenTheWindow() {
        assertThat(Main.onlyWindowOptions(new String[] {})).isTrue();
        assertThat(Main.onlyWindowOptions(new String[] {"--db", "/d/desk"})).isTrue();
        assertThat(Main.onlyWindowOptions(new String[] {"--db=/d/desk"})).isTrue();
        assertThat(Main.onlyWindowOptions(new String[] {"--outbox", "/srv/out", "--db", "/d/desk", "--inbox=/srv/in"})).isTrue();
        assertThat(Main.onlyWindowOptions(new String[] {"--inbox", "/srv/in"})).isTrue();
        assertThat(Main.onlyWindowOptions(new String[] {"--outbox"})).as("a missing value is the check's to tell").isTrue();
    }

    @Test
    void aSubcommandOrAnyOtherOptionIsTheCommandLine() {
        assertThat(Main.onlyWindowOptions(new String[] {"batches"})).isFalse();
        assertThat(Main.onlyWindowOptions(new String[] {"--db", "/d/desk", "batches"})).isFalse();
        assertThat(Main.onlyWindowOptions(new String[] {"--outbox", "/srv/out", "publish", "--once"})).isFalse();
        assertThat(Main.onlyWindowOptions(new String[] {"--per-file", "3"})).isFalse();
        assertThat(Main.onlyWindowOptions(new String[] {"--outboxes=/x"})).isFalse();
    }

    @Test
    void goodWindowArgumentsPass() {
        assertThat(check("--db", "/d/desk", "--outbox", "/srv/out", "--inbox", "/srv/in").code()).isEqualTo(ExitCode.OK);
        assertThat(check("--outbox=/srv/out").code()).isEqualTo(ExitCode.OK);
        assertThat(check().code()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aBlankFolderIsRefusedNotReadAsNotGiven() {
        Checked checked = check("--outbox", " ");
        assertThat(checked.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(checked.err()).isEqualTo("Error: --outbox needs a value, was ' ' (see 'allocation-desk --help')");
    }

    @Test
    void aFolderGivenTwiceOrWithoutValueIsRefused() {
        Checked twice = check("--inbox", "/a", "--inbox", "/b");
        assertThat(twice.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(twice.err()).startsWith("Error: option '--inbox' (DIR) should be specified only once");

        Checked missing = check("--outbox");
        assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missing.err()).startsWith("Error: Missing required parameter for option '--outbox' (DIR)");
    }

    @Test
    void aFolderThatIsNoPathIsRefused() {
        Checked checked = check("--inbox", "in\u0000box");
        assertThat(checked.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(checked.err()).isEqualTo("The inbox folder must be a path, was 'in\\u0000box'");
    }

    private record Checked(int code, String err) {
    }

    private static Checked check(String... args) {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = AllocationDeskCommand.checkWindowArguments(args);
            return new Checked(code, captured.toString(StandardCharsets.UTF_8).strip());
        } finally {
            System.setErr(before);
        }
    }
}
