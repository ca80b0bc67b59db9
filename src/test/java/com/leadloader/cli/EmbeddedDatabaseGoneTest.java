package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;
import picocli.CommandLine;

/** What status and report make of the embedded database closing under them, as H2 and Spring report it. */
class EmbeddedDatabaseGoneTest {

    @Test
    void theFailuresOfAServerThatEndedAreRecognised() {
        // A report's result set, its next rows fetched from a server that has gone (the audit's report).
        SQLException fetch = DbException.get(ErrorCode.IO_EXCEPTION_2, new IOException(
                DbException.get(ErrorCode.CONNECTION_BROKEN_1, "session closed")), "java.io.IOException", "SPACE(274)")
                .getSQLException();
        assertThat(EmbeddedDatabaseGone.causes(new UncategorizedSQLException("PreparedStatementCallback", "select", fetch)))
                .isTrue();
        // A job repository's read in a transaction: commit, then rollback, on the broken connection (status).
        assertThat(EmbeddedDatabaseGone.causes(new DataAccessResourceFailureException("JDBC rollback",
                h2(ErrorCode.DATABASE_CALLED_AT_SHUTDOWN)))).isTrue();
        assertThat(EmbeddedDatabaseGone.causes(new DataAccessResourceFailureException("JDBC commit",
                h2(ErrorCode.CONNECTION_BROKEN_1)))).isTrue();
        assertThat(EmbeddedDatabaseGone.causes(new IllegalStateException(h2(ErrorCode.DATABASE_IS_CLOSED)))).isTrue();
        // A result set whose connection ended mid-stream (EmbeddedDatabaseGoneIT).
        assertThat(EmbeddedDatabaseGone.causes(new UncategorizedSQLException("PreparedStatementCallback", "select",
                DbException.convertIOException(new java.io.EOFException(), null).getSQLException()))).isTrue();
    }

    @Test
    void aReadWhoseReconnectMetAnotherProcessOpeningTheDatabaseIsRecognisedAndSoIsAStartThatWaitedInVain() {
        // H2 reopens the database for a connection whose server ended, as a new loader is opening it.
        SQLException locked = DbException.get(ErrorCode.DATABASE_ALREADY_OPEN_1, "Locked by another process: x.lock.db")
                .getSQLException();
        assertThat(EmbeddedDatabaseGone.causes(new DataAccessResourceFailureException("PreparedStatementCallback",
                locked))).isTrue();
        // At start-up, once AutoServerDataSource has waited in vain: H2's words, and not the configuration's fault.
        UserError atStart = StartupFailure.of(new IllegalStateException("Failed to initialize pool", locked));
        assertThat(atStart.exitCode()).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
        assertThat(atStart.getMessage()).startsWith("cannot open the embedded database: other processes kept it"
                + " locked for 15 s (Database may be already in use: \"Locked by another process: x.lock.db\"")
                .doesNotContain("LEADLOADER_DB_URL");
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(EmbeddedDatabaseGone.causes(new IllegalStateException("bug"))).isFalse();
        assertThat(EmbeddedDatabaseGone.causes(new DataAccessResourceFailureException("JDBC commit",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001")))).as("PostgreSQL down").isFalse();
        assertThat(EmbeddedDatabaseGone.causes(new IllegalStateException(h2(ErrorCode.DUPLICATE_KEY_1)))).isFalse();
        assertThat(EmbeddedDatabaseGone.causes(new IllegalStateException(DbException.convertIOException(
                new IOException("No space left on device"), "data/leadloader.mv.db").getSQLException())))
                .as("a local file that cannot be written").isFalse();
    }

    @Test
    void aReadOnlyCommandIsTriedOnceMoreWhenTheDatabaseClosedUnderIt() {
        AtomicInteger tries = new AtomicInteger();
        String listing = EmbeddedDatabaseGone.retryingOnce(() -> {
            if (tries.incrementAndGet() == 1) {
                throw new DataAccessResourceFailureException("JDBC commit", h2(ErrorCode.CONNECTION_BROKEN_1));
            }
            return "execution job ...";
        });
        assertThat(listing).isEqualTo("execution job ...");
        assertThat(tries).hasValue(2);
    }

    @Test
    void aSecondCloseEndsInOneSentenceAndExitFour() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> EmbeddedDatabaseGone.retryingOnce(() -> {
            tries.incrementAndGet();
            throw new DataAccessResourceFailureException("JDBC rollback", h2(ErrorCode.DATABASE_CALLED_AT_SHUTDOWN));
        })).isInstanceOf(EmbeddedDatabaseGone.class)
                .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(ExitCodes.FAILED_RESTARTABLE))
                .hasMessage("the embedded database closed under this command: the leadloader process that served it"
                        + " (a run that started or ended meanwhile) has ended; run the same command again");
        assertThat(tries).hasValue(2);
    }

    @Test
    void anyOtherFailureIsNotTriedAgain() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> EmbeddedDatabaseGone.retryingOnce(() -> {
            tries.incrementAndGet();
            throw new UserError("no execution 9 in the job repository (see leadloader status)");
        })).hasMessageStartingWith("no execution 9");
        assertThat(tries).hasValue(1);
    }

    @Test
    void aContextThatCannotStartBecauseTheServerEndedIsExitFourNotAConfigurationError() {
        UserError error = StartupFailure.of(new IllegalStateException("Failed to initialize pool",
                h2(ErrorCode.CONNECTION_BROKEN_1)));
        assertThat(error).isInstanceOf(EmbeddedDatabaseGone.class);
        assertThat(error.exitCode()).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
        assertThat(error.getMessage()).doesNotContain("LEADLOADER_DB_URL");
    }

    @Test
    void anyCommandTheDatabaseClosedUnderPrintsTheSentenceNotAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = LeadloaderCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = new UserErrorHandler().handleExecutionException(new UncategorizedSQLException("StatementCallback",
                "select", h2(ErrorCode.CONNECTION_BROKEN_1)), cli, null);

        assertThat(exit).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
        assertThat(err.toString()).isEqualTo("leadloader: " + EmbeddedDatabaseGone.MESSAGE + System.lineSeparator());
    }

    private static SQLException h2(int code) {
        return DbException.get(code, "session closed").getSQLException();
    }
}
