package com.allocationdesk.allocation.adapters.db;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up skips Flyway when the schema is current, so the constant must name the newest migration. */
class SchemaVersionTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void schemaVersionIsTheNewestMigration() throws IOException {
        int newest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            newest = files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }

        assertThat(Migrations.SCHEMA_VERSION).as("Migrations.SCHEMA_VERSION").isEqualTo(newest);
    }
}
