package com.allocationdesk.allocation.adapters.jdbc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up skips Flyway when the schema is current, so the constant must name the newest migration;
 * and every engine's folder holds the same migrations, under the same names.
 */
class SchemaVersionTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void schemaVersionIsTheNewestMigration() throws IOException {
        int newest = migrations("hsqldb").stream().map(VERSIONED::matcher).filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();

        assertThat(Migrations.SCHEMA_VERSION).as("Migrations.SCHEMA_VERSION").isEqualTo(newest);
    }

    @Test
    void everyEngineHasTheSameMigrations() throws IOException {
        assertThat(migrations("postgresql")).isEqualTo(migrations("hsqldb"));
        assertThat(migrations("hsqldb")).contains(Migrations.FIRST_MIGRATION);
    }

    @Test
    void noMigrationIsLeftOutsideTheEngineFolders() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    private static List<String> migrations(String engine) throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS.resolve(engine))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
