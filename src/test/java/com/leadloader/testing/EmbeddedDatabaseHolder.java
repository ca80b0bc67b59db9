package com.leadloader.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A process that opens the embedded H2 database first, and so serves it to the others, until its
 * standard input is closed: what a long {@code leadloader report} is to a load started beside it,
 * or (with {@code loading}) a loader, holding the embedded database's one-loader lock. It prints
 * {@code holder: serving the database} once it does.
 */
public final class EmbeddedDatabaseHolder {

    private EmbeddedDatabaseHolder() {
    }

    /** Starts the holder of {@code dbUrl}; its output goes to {@code log}. */
    public static Process start(String dbUrl, boolean loading, Path log) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseHolder.class.getName(), dbUrl,
                loading ? "loading" : "reading")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        try (Connection connection = DriverManager.getConnection(url, "", "")) {
            Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration/h2").load().migrate();
            if (args[1].equals("loading")) {
                try (Statement s = connection.createStatement()) {
                    s.execute("merge into run_lock (lock_key, first_used) key (lock_key)"
                            + " values ('embedded-database:one-loader', current_timestamp)");
                }
                connection.setAutoCommit(false);
                try (PreparedStatement lock = connection.prepareStatement(
                        "select lock_key from run_lock where lock_key = 'embedded-database:one-loader' for update")) {
                    lock.executeQuery().close();
                }
            }
            System.out.println("holder: serving the database");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
    }
}
