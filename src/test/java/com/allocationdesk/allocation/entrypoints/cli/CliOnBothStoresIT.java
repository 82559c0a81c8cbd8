package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.adapters.postgres.PostgresTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's contract on both stores: the same script of commands — writes, refusals,
 * out of stock, reads as tables and JSON, the ledger, imports, an export, rebuild-views — run on a
 * fresh database file and on a fresh database of the PostgreSQL test server prints the same, with
 * the same exit codes (times and the database's own name aside).
 */
@Timeout(600)
class CliOnBothStoresIT {
    @TempDir
    Path home;

    @Test
    void theSameCommandsPrintTheSameOnTheFileAndOnTheServer() throws IOException {
        String file = home.resolve("desk").toString();
        String server = PostgresTestServer.newDatabase("cli_contract").toString();
        List<String> onFile = script(file, "file");
        List<String> onServer = script(server, "server");
        assertThat(onServer).hasSize(onFile.size());
        for (int i = 0; i < onFile.size(); i++) {
            assertThat(onServer.get(i)).as("step %d", i).isEqualTo(onFile.get(i));
        }
        assertThat(String.join("\n", onFile)).as("the script did meet each kind of answer")
                .contains("exit 0", "exit 2", "exit 3");
    }

    /** Runs the script on {@code db}; one text per command: its exit code, stdout and stderr, times and names masked. */
    private List<String> script(String db, String scratch) throws IOException {
        Path folder = Files.createDirectories(home.resolve(scratch));
        Path batches = Files.writeString(folder.resolve("batches.csv"), "ref,sku,qty,eta\nb-imp,CHAIR,30,\nb-sea,CHAIR,10,2027-02-01\n");
        Path orders = Files.writeString(folder.resolve("orders.csv"), "orderid,sku,qty\nc1,CHAIR,25\nc2,CHAIR,10\nc3,CHAIR,9\n");
        Path export = folder.resolve("allocations.csv");
        List<String[]> commands = List.of(
                new String[] {"add-batch", "warehouse", "LAMP", "10"},
                new String[] {"add-batch", "shipment", "LAMP", "20", "--eta", "2027-01-15"},
                new String[] {"add-batch", "warehouse", "LAMP", "3"},
                new String[] {"allocate", "o1", "LAMP", "8"},
                new String[] {"allocate", "o1", "LAMP", "8"},
                new String[] {"allocate", "o2", "LAMP", "-1"},
                new String[] {"allocate", "o2", "SOFA", "1"},
                new String[] {"allocate", "o3", "LAMP", "50"},
                new String[] {"change-quantity", "warehouse", "5"},
                new String[] {"change-quantity", "shipment", "80"},
                new String[] {"batches"},
                new String[] {"batches", "--sku", "la", "--json"},
                new String[] {"allocations", "o1", "--json"},
                new String[] {"waiting", "--json"},
                new String[] {"cancel-line", "o1", "LAMP"},
                new String[] {"cancel-line", "o1", "LAMP"},
                new String[] {"import-batches", batches.toString()},
                new String[] {"import-orders", orders.toString()},
                new String[] {"export-allocations", export.toString()},
                new String[] {"order", "o3"},
                new String[] {"order", "c3", "--json"},
                new String[] {"history", "--order", "o1"},
                new String[] {"history", "--sku", "CHAIR", "--json"},
                new String[] {"events", "--after", "3", "--limit", "5"},
                new String[] {"notifications", "--json"},
                new String[] {"rebuild-views"},
                new String[] {"batches", "--json"});
        Map<String, String> env = Map.of("XDG_DATA_HOME", home.resolve(scratch + "-data").toString(),
                "PGUSER", PostgresTestServer.USER, "PGPASSWORD", PostgresTestServer.PASSWORD);
        List<String> answers = new ArrayList<>();
        for (String[] command : commands) {
            String[] args = new String[command.length + 2];
            args[0] = "--db";
            args[1] = db;
            System.arraycopy(command, 0, args, 2, command.length);
            InProcessCli.Run run = InProcessCli.run(env, AllocationDeskCommand::start, args);
            answers.add(masked(String.join(" ", command) + " -> exit " + run.code() + "\n" + run.out() + run.err(),
                    db, folder));
        }
        answers.add(masked(Files.readString(export), db, folder));
        return answers;
    }

    private static String masked(String text, String db, Path folder) {
        return text.replace(db, "DB").replace(folder.toString(), "FOLDER")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "TIME")
                .replaceAll("\\b\\d{1,2}:\\d{2}(:\\d{2})?\\b", "HH:MM");
    }
}
