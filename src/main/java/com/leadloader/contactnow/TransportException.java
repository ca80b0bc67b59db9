package com.leadloader.contactnow;

import java.time.Duration;

/**
 * A call whose outcome the server did not report: it failed on the network, timed out, or was answered
 * with 429 or 5xx. {@link #mayHaveBeenApplied()} tells whether to resend it or reconcile first.
 */
public abstract class TransportException extends ContactNowException {

    private final Duration retryAfter;

    protected TransportException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    /** Whether the server may have stored or changed something: if so, read back before resending. */
    public abstract boolean mayHaveBeenApplied();

    /** The server's Retry-After, or {@link Duration#ZERO} when it sent none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
