package com.allocationdesk.allocation.entrypoints.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --db postgresql://…} on the command line: what only a file has is refused, bad addresses are one line. */
class ServerOptionCliIT {
    private static final String SERVER = "postgresql://db.example:5432/allocation";

    @TempDir
    Path home;

    private InProcessCli.Run run(String... args) {
        return InProcessCli.run(Map.of("XDG_DATA_HOME", home.toString()), AllocationDeskCommand::start, args);
    }

    @Test
    void checkAndRestoreAreForAFileAndSaySo() {
        for (String[] command : new String[][] {{"check"}, {"restore", "desk-20261201-120000-000"}}) {
            InProcessCli.Run run = run(concat("--db", SERVER, command));
            assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(run.err()).isEqualTo("'" + command[0] + "' is for a database file; the server " + SERVER
                    + " is checked and backed up with PostgreSQL's own tools (pg_dump, see README)" + System.lineSeparator());
        }
    }

    @Test
    void copyToNeedsAFileThatIsThereAndCreatesNone() {
        Path missing = home.resolve("nothing-here");
        InProcessCli.Run run = run("--db", missing.toString(), "copy-to", SERVER);
        assertThat(run.code()).isEqualTo(ExitCode.DATABASE_UNAVAILABLE);
        assertThat(run.err()).startsWith("There is no database " + missing + " to copy");
        assertThat(home.resolve("nothing-here.properties")).doesNotExist();
    }

    @Test
    void anAddressThatIsNoneIsOneLineAndExitFour() {
        Map<String, String> told = Map.of(
                "postgresql://db.example:99999/allocation", "the port must be a number from 1 to 65535",
                "postgresql://db.example:port/allocation", "postgresql://",
                "postgresql://db.example:5432/", "postgresql://",
                "postgresql://planner:secret@db.example/allocation", "postgresql://");
        told.forEach((address, sentence) -> {
            InProcessCli.Run run = run("--db", address, "batches");
            assertThat(run.code()).as(address).isEqualTo(ExitCode.DATABASE_UNAVAILABLE);
            assertThat(run.err().lines().toList()).as(address).hasSize(1).first().asString().contains(sentence)
                    .doesNotContain("Exception").doesNotContain("details are in").doesNotContain("secret");
        });
    }

    private static String[] concat(String a, String b, String[] rest) {
        String[] all = new String[rest.length + 2];
        all[0] = a;
        all[1] = b;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }
}
