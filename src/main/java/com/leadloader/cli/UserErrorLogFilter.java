package com.leadloader.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops log events whose exception is, or is caused by, a {@link UserError}: the command prints
 * that mistake once as one sentence, so Spring Batch's "error executing step" stack trace of it
 * would only bury the message. Every other exception is logged as before.
 */
final class UserErrorLogFilter extends TurboFilter {

    /** Adds the filter to Logback (again after each Spring start, which resets the logging context). */
    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(UserErrorLogFilter.class::isInstance)) {
            UserErrorLogFilter filter = new UserErrorLogFilter();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        return causedByUserError(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean causedByUserError(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserError) {
                return true;
            }
        }
        return false;
    }
}
