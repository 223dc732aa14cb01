package io.callgate.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway database on the local PostgreSQL (127.0.0.1:5432, user {@code postgres}, trust
 * auth), for tests that need a real shared store. It is created and dropped through the
 * {@code postgres} database, which every cluster has ({@code CALLGATE_TEST_PG_DATABASE} names
 * another). Without a reachable PostgreSQL the test is skipped, unless
 * {@code CALLGATE_REQUIRE_POSTGRES=true} demands it (as CI does); then it fails.
 */
public final class Postgres implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String MAINTENANCE_DATABASE =
            java.util.Objects.requireNonNullElse(System.getenv("CALLGATE_TEST_PG_DATABASE"), "postgres");
    private static final String USER = "postgres";

    private final String name;

    private Postgres(String name) {
        this.name = name;
    }

    /** Creates an empty database with a random name; drop it with {@link #close()}. */
    public static Postgres createDatabase() {
        String name = "callgate_it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
            return new Postgres(name);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CALLGATE_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("PostgreSQL at " + SERVER + MAINTENANCE_DATABASE
                        + " is required (CALLGATE_REQUIRE_POSTGRES=true)"
                        + " but cannot create a database there", e);
            }
            return Assumptions.abort("no PostgreSQL at " + SERVER + MAINTENANCE_DATABASE + ": " + e.getMessage());
        }
    }

    public String url() {
        return SERVER + name;
    }

    public String username() {
        return USER;
    }

    /** Drops the database, closing any connection still open to it. */
    @Override
    public void close() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + name, e);
        }
    }

    private static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        // Fail fast where nothing listens, instead of the driver's default wait.
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(SERVER + MAINTENANCE_DATABASE, properties);
    }
}
