package com.leadloader.ledger;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to the embedded H2 database ({@code AUTO_SERVER=TRUE}), retrying for a
 * bounded time while another process is opening it or ending. The first process to open the file
 * writes its lock file and only then the address it serves the database on; a process opening it
 * meanwhile is told "Locked by another process", "Lock file recently modified", or is refused by
 * a server that is shutting down. A moment later it would connect to the server, or open the file
 * itself: so it tries again, for up to {@link #WAIT}.
 */
public final class AutoServerDataSource implements DataSource {

    private static final Logger log = LoggerFactory.getLogger(AutoServerDataSource.class);

    /** How long to keep trying; H2 itself takes up to 4 s to decide that a lock file is stale. */
    public static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration PAUSE = Duration.ofMillis(100);

    /**
     * H2's errors for a database that another process is opening or closing: 90020 already in use
     * (its lock file has no server address yet), 8000 error opening (its lock file changed under
     * this one's reading), 90067 connection broken (refused, or cut off, by a server that is
     * ending), 90098 and 90121 closed (the server's database closed while this one connected).
     */
    private static final Set<Integer> TRANSIENT = Set.of(90020, 8000, 90067, 90098, 90121);

    /** Opens one connection. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    /** Waits between attempts. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final String url;
    private final Connector connector;
    private final Duration wait;
    private final LongSupplier nanoTime;
    private final Pause pause;
    private volatile int loginTimeout;

    public AutoServerDataSource(String url, String username, String password) {
        this(url, () -> DriverManager.getConnection(url, username, password), WAIT, System::nanoTime,
                d -> Thread.sleep(d.toMillis()));
    }

    AutoServerDataSource(String url, Connector connector, Duration wait, LongSupplier nanoTime, Pause pause) {
        this.url = url;
        this.connector = connector;
        this.wait = wait;
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    /** Whether {@code jdbcUrl} is an H2 file database that serves other processes ({@code AUTO_SERVER=TRUE}). */
    public static boolean servesOthers(String jdbcUrl) {
        if (jdbcUrl == null) {
            return false;
        }
        String url = jdbcUrl.toUpperCase(Locale.ROOT).replace(" ", "");
        return url.startsWith("JDBC:H2:") && !url.startsWith("JDBC:H2:MEM:") && !url.startsWith("JDBC:H2:TCP:")
                && !url.startsWith("JDBC:H2:SSL:") && url.contains(";AUTO_SERVER=TRUE");
    }

    /** Whether H2 refused to open the database only because another process is opening or closing it. */
    static boolean transientOpenFailure(SQLException e) {
        return e.getClass().getName().startsWith("org.h2.") && TRANSIENT.contains(e.getErrorCode());
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = nanoTime.getAsLong() + wait.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return connector.connect();
            } catch (SQLException e) {
                if (!transientOpenFailure(e) || nanoTime.getAsLong() - deadline >= 0) {
                    throw e;
                }
                log.debug("cannot open {} yet (attempt {}): {}; another process is opening or closing it",
                        url, attempt, e.getMessage());
                try {
                    pause.pause(PAUSE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the embedded database's user is configured once");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing to log to: DriverManager's own writer applies
    }

    /**
     * Kept for the pool, which waits this long for its connection opener to end when it closes; an
     * attempt to connect takes what H2 takes, and all of them together about {@link #WAIT}.
     */
    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
