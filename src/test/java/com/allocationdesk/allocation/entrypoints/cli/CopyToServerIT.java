package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.adapters.postgres.PostgresTestServer;
import com.allocationdesk.allocation.adapters.postgres.ServerAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code copy-to}: a desk's file, with stock, lines, a waiting line and its alert, copied into an
 * empty database of a real PostgreSQL server; the desk then carries on there with {@code --db URL}.
 */
@Timeout(300)
class CopyToServerIT {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("XDG_DATA_HOME", home.toString(), "PGUSER", PostgresTestServer.USER,
                "PGPASSWORD", PostgresTestServer.PASSWORD);
    }

    private InProcessCli.Run desk(String db, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = db;
        System.arraycopy(args, 0, all, 2, args.length);
        return InProcessCli.run(env(), AllocationDeskCommand::start, all);
    }

    @Test
    void theFileIsCopiedOnceIntoAnEmptyDatabaseAndTheDeskCarriesOnThere() {
        String file = home.resolve("desk").toString();
        assertThat(desk(file, "add-batch", "warehouse", "LAMP", "10").code()).isZero();
        assertThat(desk(file, "add-batch", "ship", "LAMP", "20", "--eta", "2027-01-15").code()).isZero();
        assertThat(desk(file, "allocate", "o1", "LAMP", "8").out()).isEqualTo("warehouse" + System.lineSeparator());
        assertThat(desk(file, "allocate", "o2", "LAMP", "50").code()).isEqualTo(ExitCode.OUT_OF_STOCK); // waits, with an alert
        assertThat(desk(file, "change-quantity", "warehouse", "5").code()).isZero(); // o1 moves to ship
        String server = PostgresTestServer.newDatabase("copy_to").toString();

        InProcessCli.Run copied = desk(file, "copy-to", server);
        assertThat(copied.code()).as(copied.err()).isZero();
        assertThat(copied.outLines()).contains("batches\t2", "allocations\t1", "waiting_lines\t1", "notifications\t1")
                .last().asString().isEqualTo("Copied " + file + " into " + server
                        + "; every table's rows and totals agree. Start each desk with --db " + server);

        assertThat(desk(server, "batches").out()).isEqualTo(desk(file, "batches").out());
        assertThat(desk(server, "waiting").out()).isEqualTo(desk(file, "waiting").out());
        assertThat(desk(server, "history", "--order", "o1").out()).isEqualTo(desk(file, "history", "--order", "o1").out());
        assertThat(desk(server, "add-batch", "more", "LAMP", "100").code()).isZero();
        assertThat(desk(server, "order", "o2").out()).contains("more");

        InProcessCli.Run again = desk(file, "copy-to", server);
        assertThat(again.code()).isEqualTo(ExitCode.DATABASE_UNAVAILABLE);
        assertThat(again.err()).startsWith("The database " + server + " is not empty (")
                .contains("copy-to only fills an empty database. Nothing was copied.");
        assertThat(desk(server, "batches").outLines()).as("the refused copy added nothing: a header and 3 batches")
                .hasSize(4);
    }

    @Test
    void aServerThatDoesNotAnswerIsOneLineAndTheFileIsUntouched() {
        String file = home.resolve("desk").toString();
        assertThat(desk(file, "add-batch", "warehouse", "LAMP", "10").code()).isZero();
        ServerAddress nowhere = new ServerAddress("localhost", 1, "allocation");
        InProcessCli.Run run = desk(file, "copy-to", nowhere.toString());
        assertThat(run.code()).isEqualTo(ExitCode.DATABASE_UNAVAILABLE);
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(desk(file, "batches").out()).contains("warehouse");
    }
}
