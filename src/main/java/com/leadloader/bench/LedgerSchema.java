package com.leadloader.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * A throwaway PostgreSQL schema for the benchmark's ledger and job repository, so that a million
 * benchmark leads never land in a real ledger. Dropped when closed. User and password come from
 * the URL or from {@code LEADLOADER_DB_USER} / {@code LEADLOADER_DB_PASSWORD}, as for a load.
 */
final class LedgerSchema implements AutoCloseable {

    private final String baseUrl;
    private final String schema;

    private LedgerSchema(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    static LedgerSchema create(String baseUrl) throws SQLException {
        String schema = "leadloader_bench_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() / 1000;
        try (Connection c = connect(baseUrl); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        return new LedgerSchema(baseUrl, schema);
    }

    /** The URL a child loader uses: the base URL with this schema as its default. */
    String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    String name() {
        return schema;
    }

    /** When this job's last load step started and its job execution ended, in epoch milliseconds. */
    record StepTimes(long startMillis, long endMillis) {

        double seconds() {
            return (endMillis - startMillis) / 1000.0;
        }
    }

    /**
     * From the start of this job's last load step to the end of its job execution, from the job
     * repository's own timestamps; null if unknown. Not to the step's own end time: Spring Batch
     * stamps that before the step's listeners run, and the writer's listener is where the requests
     * still in flight, the last key reads and their ledger writes are waited for.
     */
    StepTimes stepTimes(String jobName) throws SQLException {
        String sql = "select s.start_time, e.end_time from " + schema + ".batch_step_execution s"
                + " join " + schema + ".batch_job_execution e on e.job_execution_id = s.job_execution_id"
                + " join " + schema + ".batch_job_instance i on i.job_instance_id = e.job_instance_id"
                + " where i.job_name = ? order by s.step_execution_id desc limit 1";
        try (Connection c = connect(baseUrl); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, jobName);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp start = rs.getTimestamp(1);
                Timestamp end = rs.getTimestamp(2);
                return start == null || end == null ? null : new StepTimes(start.getTime(), end.getTime());
            }
        }
    }

    private static Connection connect(String url) throws SQLException {
        String user = System.getenv("LEADLOADER_DB_USER");
        return user == null || user.isBlank() ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, user, System.getenv("LEADLOADER_DB_PASSWORD"));
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(baseUrl); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
