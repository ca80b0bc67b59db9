package com.leadloader.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's one-loader lock, taken only by the process that serves the database.
 * With {@code AUTO_SERVER} the first process to open the file serves it to the others, and their
 * connections break when it ends: a loader that were another process's client would lose its
 * chunk transactions and its run lock when that process (a status, a report, the loader it raced
 * at start-up) exits. So a load takes this lock on a connection of its own that is local to the
 * database, which keeps the database open, and served, in this process until the load ends.
 * While another process has the database open, it waits for that process to end (up to
 * {@link #WAIT_FOR_SERVER}), unless that process holds the lock itself: then it is refused at once.
 */
final class EmbeddedLoaderLock {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedLoaderLock.class);

    /** How long a load waits for another process that has the database open (a report of a large run). */
    static final Duration WAIT_FOR_SERVER = Duration.ofSeconds(20);
    private static final Duration PAUSE = Duration.ofMillis(250);

    /** Opens a connection of its own, outside the pool. */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    /** Whether a connection's session is local to the database. */
    @FunctionalInterface
    interface Local {
        boolean test(Connection connection) throws SQLException;
    }

    /** Waits between looks. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final DataSource pool;
    private final Connections direct;
    private final Local local;
    private final Duration wait;
    private final LongSupplier nanoTime;
    private final Pause pause;

    EmbeddedLoaderLock(DataSource pool, Connections direct) {
        this(pool, direct, EmbeddedLoaderLock::servedHere, WAIT_FOR_SERVER, System::nanoTime,
                d -> Thread.sleep(d.toMillis()));
    }

    EmbeddedLoaderLock(DataSource pool, Connections direct, Local local, Duration wait, LongSupplier nanoTime,
                       Pause pause) {
        this.pool = pool;
        this.direct = direct;
        this.local = local;
        this.wait = wait;
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    /**
     * Takes the lock for this process.
     *
     * @throws RunLock.HeldElsewhere   when another process is loading into the database now
     * @throws RunLock.ServedElsewhere when another process kept the database open for longer than {@link #WAIT_FOR_SERVER}
     * @throws RunLock.Unavailable     when the database fails
     */
    RunLock take(LocalDateTime now) {
        String key = RunLock.EMBEDDED_LOADER;
        try {
            RunLock.ensureRow(pool, key, now);
            long deadline = nanoTime.getAsLong() + wait.toNanos();
            boolean waiting = false;
            while (true) {
                Connection connection = direct.open();
                try {
                    connection.setAutoCommit(false);
                    if (local.test(connection)) {
                        // "wait 1", not "nowait": a process waiting for this one looks at the lock now and then.
                        if (!lock(connection, key, "wait 1")) {
                            throw new RunLock.HeldElsewhere(key);
                        }
                        return RunLock.heldOn(key, connection);
                    }
                    // Another process serves the database. A look at the lock, let go at once, says whether it loads.
                    boolean free = lock(connection, key, "nowait");
                    RunLock.quietly(connection);
                    if (!free) {
                        throw new RunLock.HeldElsewhere(key);
                    }
                } catch (SQLException | RuntimeException e) {
                    RunLock.quietly(connection);
                    throw e;
                }
                if (nanoTime.getAsLong() - deadline >= 0) {
                    throw new RunLock.ServedElsewhere("another leadloader process (status, report or validate) has"
                            + " kept the embedded database open for " + wait.toSeconds() + " s, and a load must open"
                            + " it itself, or it would be cut off when that process ends");
                }
                if (!waiting) {
                    waiting = true;
                    log.info("the embedded database is open in another leadloader process: waiting up to {} s for it"
                            + " to end, as a load must open the database itself", wait.toSeconds());
                }
                try {
                    pause.pause(PAUSE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RunLock.Unavailable("cannot lock run " + key + ": interrupted while waiting for the"
                            + " embedded database", e);
                }
            }
        } catch (SQLException e) {
            throw new RunLock.Unavailable("cannot lock run " + key + " in the ledger database: " + e.getMessage(), e);
        }
    }

    /** Whether this connection's session is local to the database: this process has it open, and serves it. */
    static boolean servedHere(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select client_addr from information_schema.sessions"
                     + " where session_id = session_id()")) {
            return rs.next() && rs.getString(1) == null;
        }
    }

    /** Locks the row of {@code key} in the connection's transaction; false when another transaction holds it. */
    private static boolean lock(Connection connection, String key, String wait) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select lock_key from run_lock where lock_key = ? for update " + wait)) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return true;
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == RunLock.H2_LOCK_TIMEOUT) {
                return false;
            }
            throw e;
        }
    }
}
