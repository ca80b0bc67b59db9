package com.leadloader.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's lock, held by the one process loading it: a row of {@code run_lock} locked
 * ({@code SELECT ... FOR UPDATE NOWAIT}) in a transaction left open on a connection of its own
 * until {@link #close}. The database releases it when that connection ends, so a process that was
 * killed holds nothing. On PostgreSQL the connection is touched every {@link #KEEP_ALIVE} and
 * ended by the server after {@link #ABANDONED} without a touch
 * ({@code idle_in_transaction_session_timeout}), so the lock of a loader whose machine vanished
 * without closing its connection is not held for hours.
 */
public final class RunLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    static final Duration ABANDONED = Duration.ofMinutes(2);
    /** SQLSTATE of "could not obtain lock" on PostgreSQL, and H2's error code for a lock time-out. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    static final int H2_LOCK_TIMEOUT = 50200;

    /** The lock of the embedded database's one loader, held with an embedded run's own; null on a server. */
    static final String EMBEDDED_LOADER = "embedded-database:one-loader";

    private final String key;
    private final Connection connection;
    private final ScheduledExecutorService keepAlive;
    private RunLock outer;

    private RunLock(String key, Connection connection, boolean postgres) {
        this.key = key;
        this.connection = connection;
        if (postgres) {
            keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "run-lock-keep-alive");
                t.setDaemon(true);
                return t;
            });
            keepAlive.scheduleWithFixedDelay(this::touch, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            keepAlive = null;
        }
    }

    /** Thrown when another process holds the run's lock. */
    public static final class HeldElsewhere extends RuntimeException {
        private final String key;

        HeldElsewhere(String key) {
            super("run " + key + " is locked by another process");
            this.key = key;
        }

        /**
         * Whether what is held is the embedded database itself (another process is loading another
         * run into it), rather than this run.
         */
        public boolean embeddedDatabase() {
            return EMBEDDED_LOADER.equals(key);
        }
    }

    /** Thrown when the ledger database fails while the lock is being taken: nothing has been sent yet. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Thrown when the embedded database is open in another process that is not loading (status,
     * report, validate), for longer than a load waits: a load must open the database itself.
     */
    public static final class ServedElsewhere extends RuntimeException {
        ServedElsewhere(String message) {
            super(message);
        }
    }

    /** The lock of {@code key}, held by the open transaction of {@code connection}. */
    static RunLock heldOn(String key, Connection connection) {
        return new RunLock(key, connection, false);
    }

    /** This lock, released together with {@code outer} (taken before it). */
    RunLock inside(RunLock outer) {
        this.outer = outer;
        return this;
    }

    /**
     * Takes the lock of {@code key}, or throws {@link HeldElsewhere} at once when another process
     * holds it, or {@link Unavailable} when the database fails.
     */
    static RunLock take(DataSource dataSource, String key, boolean postgres, LocalDateTime now) {
        try {
            ensureRow(dataSource, key, now);
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                if (postgres) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("set local idle_in_transaction_session_timeout = '" + ABANDONED.toSeconds() + "s'");
                    }
                }
                try (PreparedStatement select = connection.prepareStatement(
                        "select lock_key from run_lock where lock_key = ? for update nowait")) {
                    select.setString(1, key);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                    }
                } catch (SQLException e) {
                    if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || e.getErrorCode() == H2_LOCK_TIMEOUT) {
                        throw new HeldElsewhere(key);
                    }
                    throw e;
                }
                return new RunLock(key, connection, postgres);
            } catch (SQLException | RuntimeException e) {
                quietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new Unavailable("cannot lock run " + key + " in the ledger database: " + e.getMessage(), e);
        }
    }

    /** The row to lock, inserted by the first run that uses the key (a race between two: one insert wins). */
    static void ensureRow(DataSource dataSource, String key, LocalDateTime now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement exists = c.prepareStatement("select 1 from run_lock where lock_key = ?")) {
                exists.setString(1, key);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into run_lock (lock_key, first_used) values (?, ?)")) {
                insert.setString(1, key);
                insert.setObject(2, now);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!e.getSQLState().startsWith("23")) { // integrity: another process inserted it first
                    throw e;
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private void touch() {
        try (Statement s = connection.createStatement()) {
            s.execute("select 1");
        } catch (SQLException e) {
            log.error("the lock of run {} was lost ({}): another process could now start the same run", key, e.getMessage());
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        if (keepAlive != null) {
            keepAlive.shutdownNow();
        }
        quietly(connection);
        if (outer != null) {
            outer.close();
        }
    }

    static void quietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone, and the lock with it
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // as above
        }
    }
}
