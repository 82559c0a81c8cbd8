package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.entrypoints.Main;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line in a terminal without a UTF-8 locale (issue 10): a child JVM started with an
 * empty environment except {@code PATH} (no {@code LANG}, no {@code LC_*}: as under cron), given
 * the UTF-8 bytes of {@code Ä-100} and {@code Ö-100} as a UTF-8 script would pass them. The bytes
 * are made by {@code printf} in a shell, so what the child gets does not depend on this JVM's
 * own encoding.
 * <p>
 * What Java 17 makes of them (measured here): each byte that is not ASCII becomes U+FFFD, never
 * {@code '?'}, so both ids arrive as {@code \uFFFD\uFFFD-100}. They must be refused (exit 2, one
 * line saying to use a UTF-8 locale, nothing stored); a plain ASCII {@code '?'} in the same
 * terminal is what was typed and is accepted; and with {@code LANG=C.UTF-8} both ids are stored,
 * each as itself.
 */
@Timeout(300)
class LocaleIT {
    private static final String NAME = "locale";
    private static final String A_UMLAUT = "\\303\\204-100"; // printf octal escapes: the UTF-8 bytes of Ä-100
    private static final String O_UMLAUT = "\\303\\226-100";

    @TempDir
    Path dir;

    private record Child(int code, String out, String err) {
    }

    /** {@code allocate ID LAMP 1} in a child JVM whose environment is PATH plus {@code extraEnv}; ID is a printf format. */
    private Child allocate(Map<String, String> extraEnv, Path db, String idAsPrintfFormat) throws IOException, InterruptedException {
        String script = "exec \"$1\" -cp \"$2\" -Xmx256m -XX:TieredStopAtLevel=1 -Dallocationdesk.logdir=\"$3\" -Dlogback.configurationFile=\"$6\" "
                + Main.class.getName() + " --db \"$4\" allocate \"$(printf \"$5\")\" LAMP 1";
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script, "sh",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), System.getProperty("java.class.path"),
                dir.resolve("logs").toString(), db.toString(), idAsPrintfFormat, LastResortIT.productionLogging());
        String path = System.getenv("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().putAll(extraEnv);
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
        return new Child(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> orderIds(Path db) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Database database = Database.open(db);
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT order_id FROM allocations UNION ALL SELECT order_id FROM waiting_lines")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    @Test
    void withoutALocaleUndecodableArgumentsAreRefusedAndWithUtf8TheyAreStoredAsTyped() throws Exception {
        Path db = dir.resolve("data").resolve("desk");
        assertThat(InProcessCli.onDatabase(db, "add-batch", "b1", "LAMP", "100").code()).isZero();

        Map<String, String> noLocale = Map.of();
        for (String id : List.of(A_UMLAUT, O_UMLAUT)) {
            Child refused = allocate(noLocale, db, id);
            Figures.report(NAME, "no LANG, allocate " + id.replace("\\", "\\\\"), "exit " + refused.code() + ", '" + refused.err().strip() + "'");
            assertThat(refused.code()).as(refused.err()).isEqualTo(2);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err().lines()).hasSize(1);
            // Java 17 gives one U+FFFD per byte, shown escaped; the encoding it assumed; what to do
            assertThat(refused.err()).contains("'\\uFFFD\\uFFFD-100' is not readable text", "ANSI_X3.4-1968",
                    "use a UTF-8 locale, e.g. LANG=C.UTF-8").doesNotContain("\tat ", "Exception");
        }
        assertThat(orderIds(db)).as("nothing stored").isEmpty();

        Child questionMark = allocate(noLocale, db, "what?-1");
        assertThat(questionMark.code()).as("a '?' typed without a locale is what was typed: %s", questionMark.err()).isZero();

        Map<String, String> utf8 = Map.of("LANG", "C.UTF-8");
        for (String id : List.of(A_UMLAUT, O_UMLAUT)) {
            Child stored = allocate(utf8, db, id);
            Figures.report(NAME, "LANG=C.UTF-8, allocate " + id.replace("\\", "\\\\"), "exit " + stored.code() + ", " + stored.out().strip());
            assertThat(stored.code()).as(stored.err()).isZero();
            assertThat(stored.out().strip()).isEqualTo("b1");
        }
        List<String> ids = orderIds(db);
        Figures.report(NAME, "order ids stored", ids);
        assertThat(ids).containsExactlyInAnyOrder("what?-1", "Ä-100", "Ö-100");
    }
}
