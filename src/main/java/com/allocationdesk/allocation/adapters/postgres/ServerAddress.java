package com.allocationdesk.allocation.adapters.postgres;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the shared database is: a PostgreSQL server and one database on it, written
 * {@code postgresql://HOST[:PORT]/DATABASE}. Nothing else goes in the address: the user and the
 * password are given apart (a password in an address ends up in shell histories, logs and
 * screenshots), and options are the desk's business, not the planner's.
 *
 * @param host     a host name, an IPv4 address, or an IPv6 address (written in brackets in the address)
 * @param port     the server's TCP port, 5432 unless the address says otherwise
 * @param database the name of the database on the server
 */
public record ServerAddress(String host, int port, String database) {
    /** PostgreSQL's own port. */
    public static final int DEFAULT_PORT = 5432;
    private static final String SCHEME = "postgresql://";
    private static final String FORM = "postgresql://HOST[:PORT]/DATABASE";
    /** A host name or IPv4 address, or an IPv6 address in brackets; then an optional port; then the database. */
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+])(?::(?<port>[^/]*))?/(?<database>.*)");
    /** A database name the desk accepts: what PostgreSQL takes without quotes, plus '-' and '.'. */
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$.-]{0,62}");

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The port of a PostgreSQL server is a number from 1 to 65535, was " + port + ".");
        }
    }

    /**
     * Reads {@code postgresql://HOST[:PORT]/DATABASE}.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong with it
     */
    public static ServerAddress parse(String text) {
        String address = text == null ? "" : text.strip();
        if (!address.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            throw refused(address, "it must start with " + SCHEME);
        }
        String rest = address.substring(SCHEME.length());
        if (rest.contains("@")) {
            throw refused(address, "the user and the password never go in the address; give the user with its own option"
                    + " and the password in ~/.pgpass or PGPASSFILE");
        }
        if (rest.contains("?") || rest.contains("#")) {
            throw refused(address, "it takes no options after the database name");
        }
        if (!rest.contains("/")) {
            throw refused(address, "it names no database, as in " + FORM);
        }
        Matcher parts = ADDRESS.matcher(rest);
        if (!parts.matches()) {
            throw refused(address, "the server's host name is not valid");
        }
        int port = parts.group("port") == null ? DEFAULT_PORT : port(address, parts.group("port"));
        String database = parts.group("database");
        if (database.isEmpty()) {
            throw refused(address, "it names no database, as in " + FORM);
        }
        if (!DATABASE.matcher(database).matches()) {
            throw refused(address, "a database name is up to 63 letters, digits, '_', '$', '-' or '.', starting with a"
                    + " letter or '_'");
        }
        String host = parts.group("host");
        return new ServerAddress(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port, database);
    }

    private static int port(String address, String port) {
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw refused(address, "the port must be a number from 1 to 65535");
        }
        return Integer.parseInt(port);
    }

    /** The refusal, quoting the address without what stands before an '@' (a password, perhaps). */
    private static IllegalArgumentException refused(String address, String why) {
        String shown = address.replaceFirst("^(?i)(postgresql://)[^/]*@", "$1…@");
        return new IllegalArgumentException("\"" + shown + "\" is not a PostgreSQL address (" + FORM + "): " + why + ".");
    }

    /** The driver's URL of this database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostInAddress() + ":" + port + "/" + database;
    }

    /** {@code postgresql://host:port/database}, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return SCHEME + hostInAddress() + ":" + port + "/" + database;
    }

    private String hostInAddress() {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
