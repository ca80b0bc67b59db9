package com.leadloader.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL that database tests run against: a Testcontainers container where Docker is
 * present, otherwise the server named by {@code LEADLOADER_TEST_DB_URL} (set by {@code .ci/run}).
 * Under {@code CI=true} a missing database fails the test; elsewhere the test is skipped.
 * Each caller gets a schema of its own, so test classes never see each other's rows.
 */
public final class TestDatabase {

    private static volatile String baseUrl;

    private TestDatabase() {
    }

    /** A JDBC URL whose default schema is {@code schema}, created empty if it exists. */
    public static String freshSchemaUrl(String schema) {
        String base = baseUrl();
        try (Connection connection = DriverManager.getConnection(base);
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare schema " + schema + " on the test database: "
                    + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The server's base JDBC URL (user and password included as URL parameters). */
    public static synchronized String baseUrl() {
        if (baseUrl != null) {
            return baseUrl;
        }
        String fromEnv = System.getenv("LEADLOADER_TEST_DB_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            baseUrl = fromEnv;
        } else if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            baseUrl = container.getJdbcUrl() + "&user=" + container.getUsername()
                    + "&password=" + container.getPassword();
        } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but no PostgreSQL: set LEADLOADER_TEST_DB_URL or provide Docker");
        } else {
            Assumptions.abort("no PostgreSQL: set LEADLOADER_TEST_DB_URL or provide Docker");
        }
        return baseUrl;
    }
}
