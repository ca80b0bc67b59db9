package com.leadloader.cli;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database closed under a command: the leadloader process that served it (the first
 * to open it, with {@code AUTO_SERVER}) ended while this one was using it. Nothing is wrong with
 * the configuration, and the next connection opens the database anew, so it is exit 4, "run the
 * same command again"; the read-only commands ({@code status}, {@code report}) try once more
 * themselves ({@link #retryingOnce}).
 */
final class EmbeddedDatabaseGone extends UserError {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseGone.class);

    static final String MESSAGE = "the embedded database closed under this command: the leadloader process that"
            + " served it (a run that started or ended meanwhile) has ended; run the same command again";

    /**
     * H2's errors for a server that went away: 90067 connection broken, 90098 database closed,
     * 90121 database closed at its JVM's shutdown. Read from the message too ({@code [90067-240]}),
     * where H2 wraps one in an I/O error of a result set it was fetching; an I/O error of a result
     * set whose connection was cut off ({@code EOFException}) is the same.
     */
    private static final Set<Integer> GONE = Set.of(90067, 90098, 90121);

    /** H2's errors for a database another process was opening (AutoServerDataSource waits them out at start-up). */
    private static final Set<Integer> OPENED_ELSEWHERE = Set.of(90020, 8000);

    /** H2's I/O errors (90028, 90031): the server gone when what failed is the connection to it. */
    private static final Set<Integer> IO_ERRORS = Set.of(90028, 90031);

    EmbeddedDatabaseGone(Throwable cause) {
        super(MESSAGE, ExitCodes.FAILED_RESTARTABLE, cause);
    }

    /**
     * Whether {@code failure} is, or is caused by, the embedded database closing under this process;
     * or by H2, reopening it for a connection whose server had ended, meeting another process that
     * was opening it at that moment (90020 "Locked by another process", 8000 "Lock file recently
     * modified"): the database went away all the same.
     */
    static boolean causes(Throwable failure) {
        return closedUnder(failure) || openedElsewhere(failure);
    }

    /** Whether {@code failure} is, or is caused by, the embedded database closing under this process. */
    static boolean closedUnder(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EmbeddedDatabaseGone) {
                return true;
            }
            boolean h2 = t.getClass().getName().startsWith("org.h2.");
            if (h2 && t instanceof SQLException sql && GONE.contains(sql.getErrorCode())) {
                return true;
            }
            if ((h2 || t instanceof SQLException) && saysGone(t.getMessage())) {
                return true;
            }
            if (h2 && t instanceof SQLException sql && IO_ERRORS.contains(sql.getErrorCode()) && cutOff(sql)) {
                return true;
            }
        }
        return false;
    }

    /** Whether H2 could not open the database because another process was opening or closing it. */
    static boolean openedElsewhere(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("org.h2.") && t instanceof SQLException sql
                    && OPENED_ELSEWHERE.contains(sql.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the connection to the server was cut off: it ended mid-stream ({@code EOFException}) or reset. */
    private static boolean cutOff(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    private static boolean saysGone(String message) {
        return message != null && GONE.stream().anyMatch(code -> message.contains("[" + code + "-"));
    }

    /**
     * Runs a command that only reads (its own Spring context included), and once more when the
     * embedded database closed under it: the process that served it has ended, and the next
     * connection opens the database itself, or reaches the process that serves it now.
     *
     * @throws EmbeddedDatabaseGone when it closed under the second try as well
     */
    static <T> T retryingOnce(Supplier<T> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            if (!causes(e)) {
                throw e;
            }
            log.debug("the embedded database closed under the command; trying once more", e);
        }
        try {
            return command.get();
        } catch (RuntimeException again) {
            if (causes(again) && !(again instanceof EmbeddedDatabaseGone)) {
                throw new EmbeddedDatabaseGone(again);
            }
            throw again;
        }
    }
}
