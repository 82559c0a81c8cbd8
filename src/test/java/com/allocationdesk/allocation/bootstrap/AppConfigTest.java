package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which database {@code --db} (or {@code ALLOCATION_DESK_DB}) names: a file, or the site's server. */
class AppConfigTest {
    private static final Map<String, String> ENV = Map.of("XDG_DATA_HOME", "/data", "PGUSER", "planner",
            "PGPASSWORD", "s3cret");

    @Test
    void aPathIsTheEmbeddedFile() {
        AppConfig config = AppConfig.from("/tmp/desk/stock", ENV);
        assertThat(config.onServer()).isEmpty();
        assertThat(config.databasePath()).isEqualTo(Path.of("/tmp/desk/stock"));
        assertThat(config.storeName()).isEqualTo("/tmp/desk/stock");
    }

    @Test
    void anAddressIsTheServerWithTheLoginOfTheEnvironmentAndOwnFilesInTheDataFolder() {
        AppConfig config = AppConfig.from("postgresql://db.site:5433/allocation", ENV);
        ServerLogin server = config.onServer().orElseThrow();
        assertThat(server.address().toString()).isEqualTo("postgresql://db.site:5433/allocation");
        assertThat(server.user()).isEqualTo("planner");
        assertThat(server.password()).isEqualTo("s3cret");
        assertThat(config.storeName()).isEqualTo("postgresql://db.site:5433/allocation");
        assertThat(config.databasePath())
                .isEqualTo(Path.of("/data/allocation-desk/servers/db.site-5433-allocation/desk"));
        assertThat(config.readingFirst().onServer()).contains(server);
        assertThat(config.toString()).as("the password is never printed").doesNotContain("s3cret");
    }

    @Test
    void theEnvironmentVariableMayNameTheServerAndTheLoginFallsBackToTheSystemUser() {
        AppConfig config = AppConfig.from(null, Map.of("ALLOCATION_DESK_DB", "postgresql://db.site/allocation"));
        ServerLogin server = config.onServer().orElseThrow();
        assertThat(server.address().port()).isEqualTo(5432);
        assertThat(server.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(server.password()).as("the driver reads ~/.pgpass").isNull();
    }

    @Test
    void anAddressThatIsNoneIsRefusedAsAnUnusableDatabase() {
        assertThatThrownBy(() -> AppConfig.from("postgresql://db.site:port/allocation", ENV))
                .isInstanceOf(DatabaseUnavailable.class).hasMessageContaining("postgresql://db.site:port/allocation");
    }
}
