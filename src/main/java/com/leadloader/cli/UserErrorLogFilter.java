package com.leadloader.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import com.leadloader.load.LoadStoppedException;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Drops log events whose exception is, or is caused by, a failure the command itself prints as one
 * sentence: a {@link UserError}, a {@link LoadStoppedException} (ContactNow unreachable, the
 * dataset expired, leads that cannot be read back) that ends the run with exit 4, or the embedded
 * database closing under the command ({@link EmbeddedDatabaseGone}). Spring Batch's "error
 * executing step", or Spring's "commit exception overridden by rollback exception", stack trace
 * of it would only bury the message. Events at DEBUG are kept,
 * so the whole exception is there with {@code LOGGING_LEVEL_COM_LEADLOADER=DEBUG}; every other
 * exception is logged as before.
 *
 * <p>A filter on the appenders, not a Logback turbo filter: a turbo filter is asked about every
 * {@code isTraceEnabled()} check in the process, and Spring's JDBC code makes one for every
 * parameter it binds (about 18 million in a load of a million leads, 5% of the step thread).
 */
final class UserErrorLogFilter extends Filter<ILoggingEvent> {

    /** Adds the filter to every appender (again after each Spring start, which resets the logging context). */
    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext(); ) {
                Appender<ILoggingEvent> appender = appenders.next();
                if (appender.getCopyOfAttachedFiltersList().stream().noneMatch(UserErrorLogFilter.class::isInstance)) {
                    UserErrorLogFilter filter = new UserErrorLogFilter();
                    filter.setContext(context);
                    filter.start();
                    appender.addFilter(filter);
                }
            }
        }
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return event.getLevel().isGreaterOrEqual(Level.INFO) && event.getThrowableProxy() instanceof ThrowableProxy thrown
                && reportedByTheCommand(thrown.getThrowable()) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean reportedByTheCommand(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserError || t instanceof LoadStoppedException) {
                return true;
            }
        }
        return EmbeddedDatabaseGone.causes(thrown);
    }
}
