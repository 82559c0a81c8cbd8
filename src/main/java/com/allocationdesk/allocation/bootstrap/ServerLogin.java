package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.adapters.postgres.ServerAddress;

import java.util.Map;
import java.util.Objects;

/**
 * The PostgreSQL server a desk shares with the site's other desks, and whom it logs in as: the
 * standard {@code PGUSER} (else the operating-system user) and {@code PGPASSWORD} (else the driver
 * reads {@code ~/.pgpass} or {@code PGPASSFILE}). The password is never on the command line and
 * never printed: {@link #toString} leaves it out.
 */
public record ServerLogin(ServerAddress address, String user, String password) {
    public ServerLogin {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
    }

    /** The login for {@code address} from the environment. */
    static ServerLogin of(ServerAddress address, Map<String, String> env) {
        String user = env.get("PGUSER");
        String password = env.get("PGPASSWORD");
        return new ServerLogin(address, user == null || user.isBlank() ? System.getProperty("user.name") : user.strip(),
                password == null || password.isEmpty() ? null : password);
    }

    @Override
    public String toString() {
        return user + " at " + address;
    }
}
