package com.leadloader.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded database's one-loader lock on an in-memory H2 database. Whether a connection is
 * local to the database (this process serves it) is told by the test: another process serving it
 * is what the lock is about, and {@code EmbeddedDatabaseIT} has it in real processes.
 */
class EmbeddedLoaderLockTest {

    private static final LocalDateTime NOW = LocalDateTime.parse("2026-12-07T12:00:00");
    private static final String URL = "jdbc:h2:mem:embedded_loader_lock;DB_CLOSE_DELAY=-1";

    private final HikariDataSource pool = pool();
    private final long[] now = {0};
    private final AtomicInteger pauses = new AtomicInteger();

    @AfterEach
    void close() throws Exception {
        try (Connection c = DriverManager.getConnection(URL)) {
            c.createStatement().execute("drop all objects");
        }
        pool.close();
    }

    @Test
    void theProcessServingTheDatabaseTakesTheLockAndASecondTakeIsRefused() {
        try (RunLock held = lock(local -> true).take(NOW)) {
            assertThat(held).isNotNull();
            assertThatThrownBy(() -> lock(local -> true).take(NOW)).isInstanceOf(RunLock.HeldElsewhere.class)
                    .satisfies(e -> assertThat(((RunLock.HeldElsewhere) e).embeddedDatabase()).isTrue());
        }
        try (RunLock again = lock(local -> true).take(NOW)) {
            assertThat(again).as("free once released").isNotNull();
        }
    }

    @Test
    void aClientOfAProcessThatIsLoadingIsRefusedAtOnce() {
        try (RunLock loading = lock(local -> true).take(NOW)) {
            assertThatThrownBy(() -> lock(local -> false).take(NOW)).isInstanceOf(RunLock.HeldElsewhere.class);
            assertThat(pauses).as("no wait for a process that loads").hasValue(0);
        }
    }

    @Test
    void aClientWaitsForTheProcessServingTheDatabaseAndTakesTheLockOnceItServesItself() {
        // Served by another process (a status, say) for three looks, then by this one: that process ended.
        AtomicInteger looks = new AtomicInteger();
        try (RunLock held = lock(connection -> looks.incrementAndGet() > 3).take(NOW)) {
            assertThat(held).isNotNull();
            assertThat(pauses).hasValue(3);
            assertThatThrownBy(() -> lock(local -> true).take(NOW)).as("and holds it")
                    .isInstanceOf(RunLock.HeldElsewhere.class);
        }
    }

    @Test
    void aClientGivesUpAfterTheWaitAndLeavesTheLockFree() {
        assertThatThrownBy(() -> lock(local -> false).take(NOW)).isInstanceOf(RunLock.ServedElsewhere.class)
                .hasMessageContaining("has kept the embedded database open for 20 s");
        assertThat(Duration.ofNanos(now[0])).isBetween(EmbeddedLoaderLock.WAIT_FOR_SERVER,
                EmbeddedLoaderLock.WAIT_FOR_SERVER.plusSeconds(1));
        try (RunLock free = lock(local -> true).take(NOW)) {
            assertThat(free).as("the looks let go of the lock").isNotNull();
        }
    }

    @Test
    void anInMemoryDatabaseIsLocalToThisProcess() throws Exception {
        try (Connection connection = DriverManager.getConnection(URL)) {
            assertThat(EmbeddedLoaderLock.servedHere(connection)).isTrue();
        }
    }

    private EmbeddedLoaderLock lock(EmbeddedLoaderLock.Local local) {
        return new EmbeddedLoaderLock(pool, () -> DriverManager.getConnection(URL), local,
                EmbeddedLoaderLock.WAIT_FOR_SERVER, () -> now[0], pause -> {
                    pauses.incrementAndGet();
                    now[0] += pause.toNanos();
                });
    }

    private static HikariDataSource pool() {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(URL);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
        return ds;
    }
}
