package com.leadloader.batch;

import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * Runs a job repository call again when its transaction lost a serialization conflict. Spring
 * Batch creates a job execution at SERIALIZABLE isolation, and on PostgreSQL loaders that start at
 * the same moment (the pods of one Kubernetes Indexed Job, one partition each) can conflict though
 * they create different job instances; the losing transaction was rolled back, so the call can
 * simply be made again. Any other failure passes through at once.
 */
final class RepositoryConflicts {

    private static final Logger log = LoggerFactory.getLogger(RepositoryConflicts.class);
    /** SQLSTATEs of a serialization failure and of a deadlock. */
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";

    private static final RetryTemplate RETRY = new RetryTemplate(RetryPolicy.builder()
            .predicate(RepositoryConflicts::isConflict)
            .maxRetries(5)
            .delay(Duration.ofMillis(100))
            .multiplier(2)
            .jitter(Duration.ofMillis(50))
            .build());

    private RepositoryConflicts() {
    }

    /** {@code call}'s result, making it again (up to 5 more times, backing off) while it loses a conflict. */
    static <T> T retrying(String what, Retryable<T> call) throws Exception {
        try {
            return RETRY.execute(() -> {
                try {
                    return call.execute();
                } catch (Throwable e) {
                    if (isConflict(e)) {
                        log.warn("{}: the job repository's transaction lost a conflict with another loader's;"
                                + " trying again ({})", what, firstLine(e));
                    }
                    throw e;
                }
            });
        } catch (RetryException e) {
            Throwable last = e.getCause();
            if (last instanceof Exception failure) {
                throw failure;
            }
            if (last instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyFailureException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && (SERIALIZATION_FAILURE.equals(sql.getSQLState()) || DEADLOCK.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
