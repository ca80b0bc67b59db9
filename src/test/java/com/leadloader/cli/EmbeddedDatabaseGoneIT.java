package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.leadloader.cli.ReportCommand.Reports;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.testing.EmbeddedDatabaseHolder;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database closing under a reader, for real: another process opened it first and
 * serves it, and ends while this one reads (as a run ends beside a status or report). What H2 then
 * throws is recognised, a report leaves no file behind, and a second try opens the database anew.
 */
class EmbeddedDatabaseGoneIT {

    private static final int ROWS = 1000;

    @TempDir
    Path dir;

    private String url;
    private Process server;
    private HikariDataSource pool;

    @BeforeEach
    void aLedgerOfOneRunServedByAnotherProcess() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("data").resolve("leadloader") + ";AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0";
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration/h2").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "", "");
             PreparedStatement insert = c.prepareStatement("insert into lead_ledger (job_name, job_instance_id,"
                     + " job_execution_id, scope_key, origin, source_position, state, source_values, fields,"
                     + " created_at, updated_at) values ('job', 1, 1, 'run:1', 'leads.csv', ?, ?, '{\"a\":\"1\"}',"
                     + " '{}', current_timestamp, current_timestamp)")) {
            for (int row = 2; row < 2 + ROWS; row++) {
                insert.setLong(1, row);
                insert.setString(2, row % 3 == 0 ? "BAD" : "CREATED");
                insert.addBatch();
            }
            insert.executeBatch();
        } // the last connection: the database closes, and the file is free for the server to open
        Path log = dir.resolve("server.log");
        server = EmbeddedDatabaseHolder.start(url, false, log);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.readString(log).contains("holder: serving the database") || !server.isAlive());
        assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
        pool = pool();
    }

    @AfterEach
    void close() {
        pool.close();
        server.destroyForcibly();
    }

    @Test
    void aReportWhoseServerEndsMidReadIsRecognisedAndLeavesNoFile() {
        LedgerRepository ledger = new LedgerRepository(pool, Clock.systemUTC());
        Path out = dir.resolve("report");
        AtomicInteger seen = new AtomicInteger();

        Throwable thrown = catchThrowable(() -> Reports.write(sink -> ledger.forEachOfInstance(1, entry -> {
            if (seen.incrementAndGet() == ROWS + 10) { // in the second pass, its later rows still on the server
                endServer();
            }
            sink.accept(entry);
        }), out));

        assertThat(thrown).as("the read broke").isNotNull();
        assertThat(EmbeddedDatabaseGone.causes(thrown)).as("%s", thrown).isTrue();
        assertThat(files(out)).as("no report file, whole or part").isEmpty();
    }

    @Test
    void aTransactionWhoseServerEndedIsRecognised() throws Exception {
        Connection c = pool.getConnection();
        c.setAutoCommit(false);
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from lead_ledger")) {
            rs.next();
        }
        endServer();
        Throwable thrown = catchThrowable(c::commit);
        assertThat(EmbeddedDatabaseGone.causes(thrown)).as("%s", thrown).isTrue();
        Throwable closing = catchThrowable(c::close); // rolls back, on the broken connection
        assertThat(closing == null || EmbeddedDatabaseGone.causes(closing)).as("%s", closing).isTrue();
    }

    @Test
    void aSecondTryOpensTheDatabaseAnewAndReadsItWhole() {
        AtomicInteger tries = new AtomicInteger();

        Reports.Written written = EmbeddedDatabaseGone.retryingOnce(() -> {
            boolean first = tries.incrementAndGet() == 1;
            try (HikariDataSource fresh = first ? null : pool()) {
                LedgerRepository ledger = new LedgerRepository(first ? pool : fresh, Clock.systemUTC());
                AtomicInteger seen = new AtomicInteger();
                return Reports.write(sink -> ledger.forEachOfInstance(1, entry -> {
                    if (first && seen.incrementAndGet() == 10) {
                        endServer();
                    }
                    sink.accept(entry);
                }), dir.resolve("report"));
            }
        });

        assertThat(tries).hasValue(2);
        assertThat(written.createdRows() + written.badRows()).isEqualTo(ROWS);
    }

    private void endServer() {
        try {
            server.getOutputStream().close();
            assertThat(server.waitFor(1, TimeUnit.MINUTES)).as("the server ended").isTrue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HikariDataSource pool() {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setMaximumPoolSize(2);
        return ds;
    }

    private static java.util.List<String> files(Path dir) {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
