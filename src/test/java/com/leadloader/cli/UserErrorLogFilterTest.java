package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import com.leadloader.load.LoadStoppedException;
import com.leadloader.source.SourceException;
import org.junit.jupiter.api.Test;

class UserErrorLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("com.leadloader.test");
    private final UserErrorLogFilter filter = new UserErrorLogFilter();

    @Test
    void anEventCausedByAUserMistakeIsDropped() {
        RuntimeException wrapped = new IllegalStateException("step failed", new SourceException("leads.csv: line 3: ..."));
        assertThat(filter.decide(event("Encountered an error", wrapped))).isEqualTo(FilterReply.DENY);
        // SLF4J's convention: a Throwable as the last argument is the event's exception
        assertThat(filter.decide(event("failed {}", null, "x", wrapped))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void aLoadStoppedByContactNowIsDroppedAboveDebug() {
        // As Spring Batch logs a chunk that failed because ContactNow became unreachable.
        RuntimeException fatal = new IllegalStateException("Unable to process chunk", new LoadStoppedException(
                "cannot read back 100 leads to check whether they were created: request not sent", null));
        assertThat(filter.decide(event("Encountered an error executing step load in job x", fatal)))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "stopped", fatal, null)))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(new LoggingEvent(Logger.class.getName(), logger, Level.DEBUG, "execution 1 ended FAILED",
                fatal, null))).as("the whole exception stays available at DEBUG").isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theEmbeddedDatabaseClosingUnderTheCommandIsDropped() {
        // As Spring's transaction manager logs a job repository read whose server went away.
        RuntimeException commit = new IllegalStateException("JDBC commit",
                org.h2.message.DbException.get(org.h2.api.ErrorCode.CONNECTION_BROKEN_1, "session closed").getSQLException());
        assertThat(filter.decide(event("Commit exception overridden by rollback exception", commit)))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void otherEventsAreLeftAlone() {
        assertThat(filter.decide(event("boom", new IllegalStateException("bug")))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("progress {}", null, 42))).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void anAppenderWithTheFilterNeverWritesAUserMistake() {
        ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.addFilter(filter);
        appender.start();
        logger.addAppender(appender);

        logger.error("Encountered an error executing step", new IllegalStateException(new SourceException("bad row")));
        logger.error("a bug", new IllegalStateException("bug"));

        assertThat(appender.list).extracting(e -> e.getFormattedMessage()).containsExactly("a bug");
    }

    private LoggingEvent event(String message, Throwable thrown, Object... args) {
        return new LoggingEvent(Logger.class.getName(), logger, Level.ERROR, message, thrown, args);
    }
}
