package com.leadloader.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class StartupFailureTest {

    @Test
    void aDataDirectoryThatCannotBeCreatedSaysWhy() {
        // As H2 reports a ./data it may not create: its own error, caused by the file system's.
        SQLException h2 = new SQLException("Error while creating file \"/srv/ro/data\" [90062-240]",
                new AccessDeniedException("/srv/ro/data"));

        assertThat(StartupFailure.describe(new IllegalStateException("context failed", h2)))
                .isEqualTo("cannot open the job repository: /srv/ro/data: permission denied"
                        + " (check LEADLOADER_DB_URL, LEADLOADER_DB_USER, LEADLOADER_DB_PASSWORD)");
    }

    @Test
    void aFileSystemFailureWithAReasonKeepsIt() {
        assertThat(StartupFailure.message(new FileSystemException("/srv/data", null, "No space left on device")))
                .isEqualTo("/srv/data: No space left on device");
    }

    @Test
    void aDatabaseWithoutADriverInLeadloaderIsNamed() {
        // As Spring Boot reports LEADLOADER_DB_URL=jdbc:mysql://...: the driver class it could not load.
        RuntimeException failure = new IllegalStateException("Error creating bean with name 'dataSource'",
                new RuntimeException("Failed to load driver class com.mysql.cj.jdbc.Driver",
                        new RuntimeException("Failed to load class com.mysql.cj.jdbc.Driver")));

        assertThat(StartupFailure.describe(failure)).startsWith("cannot open the job repository: leadloader has no JDBC"
                + " driver com.mysql.cj.jdbc.Driver for its URL; the job repository and ledger run on PostgreSQL");
    }

    @Test
    void aCauseWithoutAMessageIsNeverPrintedAsNull() {
        // As H2 reports a connection its server cut off while this process connected.
        SQLException h2 = new SQLException("Connection is broken: \"java.io.EOFException: null: 127.0.0.1:40425\""
                + " [90067-240]", new java.io.EOFException());

        assertThat(StartupFailure.describe(new IllegalStateException("context failed", h2)))
                .startsWith("cannot open the job repository: Connection is broken: ");
        assertThat(StartupFailure.describe(new IllegalStateException(new java.io.EOFException())))
                .isEqualTo("cannot start: java.io.EOFException");
        assertThat(StartupFailure.describe(new IllegalStateException((String) null, new java.io.EOFException())))
                .isEqualTo("cannot start: EOFException");
    }
}
