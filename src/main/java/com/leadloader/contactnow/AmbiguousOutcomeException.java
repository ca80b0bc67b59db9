package com.leadloader.contactnow;

import java.time.Duration;

/**
 * The request reached the server but its answer was lost or unusable: read time-out, connection reset
 * or closed after sending, any 5xx, an unreadable body. It may have been applied: reconcile before resending.
 */
public class AmbiguousOutcomeException extends TransportException {

    private final int httpStatus;

    public AmbiguousOutcomeException(String message, int httpStatus, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
        this.httpStatus = httpStatus;
    }

    @Override
    public boolean mayHaveBeenApplied() {
        return true;
    }

    /** The HTTP status the server answered (5xx, or 2xx with an unreadable body), or 0 when none arrived. */
    public int httpStatus() {
        return httpStatus;
    }
}
