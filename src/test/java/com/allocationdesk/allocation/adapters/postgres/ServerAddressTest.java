package com.allocationdesk.allocation.adapters.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerAddressTest {
    @Test
    void aHostAPortAndADatabase() {
        ServerAddress address = ServerAddress.parse("postgresql://db.site.example:6543/desk");

        assertThat(address).isEqualTo(new ServerAddress("db.site.example", 6543, "desk"));
        assertThat(address.jdbcUrl()).isEqualTo("jdbc:postgresql://db.site.example:6543/desk");
        assertThat(address).hasToString("postgresql://db.site.example:6543/desk");
    }

    @Test
    void thePortIsPostgresqlsOwnUnlessGiven() {
        assertThat(ServerAddress.parse(" postgresql://10.0.0.7/allocation_desk ")).isEqualTo(
                new ServerAddress("10.0.0.7", 5432, "allocation_desk"));
    }

    @Test
    void anIpv6AddressIsWrittenInBracketsAndReadBack() {
        ServerAddress address = ServerAddress.parse("postgresql://[::1]:5433/desk");

        assertThat(address.host()).isEqualTo("::1");
        assertThat(address.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/desk");
        assertThat(ServerAddress.parse(address.toString())).isEqualTo(address);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://db/desk?sslmode=disable | it takes no options after the database name",
            "postgresql://db/desk#top | it takes no options after the database name",
            "postgresql://db | it names no database, as in postgresql://HOST[:PORT]/DATABASE",
            "postgresql://db:5432/ | it names no database",
            "postgresql://db:port/desk | the port must be a number from 1 to 65535",
            "postgresql://db:0/desk | the port must be a number from 1 to 65535",
            "postgresql://db:70000/desk | the port must be a number from 1 to 65535",
            "postgresql://db:/desk | the port must be a number from 1 to 65535",
            "postgresql://db/desk/more | a database name is up to 63 letters",
            "postgresql://db/1desk | a database name is up to 63 letters",
            "postgresql://-db-/desk | the server's host name is not valid",
            "postgresql:///desk | the server's host name is not valid",
            "jdbc:postgresql://db/desk | it must start with postgresql://",
            "/home/planner/desk | it must start with postgresql://",
    })
    void anythingElseIsRefusedWithOneSentenceSayingWhy(String text, String why) {
        assertThatThrownBy(() -> ServerAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"" + text + "\" is not a PostgreSQL address (postgresql://HOST[:PORT]/DATABASE): ")
                .hasMessageContaining(why)
                .hasMessageEndingWith(".")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aUserOrPasswordInTheAddressIsRefusedWithoutBeingRepeated() {
        for (String text : new String[] {"postgresql://planner:s3cret@db/desk", "postgresql://planner@db:5432/desk"}) {
            assertThatThrownBy(() -> ServerAddress.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("\"postgresql://…@db")
                    .hasMessageContaining("the user and the password never go in the address; give the user with its own"
                            + " option and the password in ~/.pgpass or PGPASSFILE.")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("planner"));
        }
    }

    @Test
    void nothingIsNotAnAddress() {
        assertThatThrownBy(() -> ServerAddress.parse(null)).hasMessageContaining("it must start with postgresql://");
    }
}
