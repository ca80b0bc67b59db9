package com.leadloader.contactnow;

import java.time.Duration;

/**
 * The request surely had no effect: the connection could not be made (refused, DNS, TLS, connect
 * time-out) or the server answered 429 Too Many Requests. Safe to resend after a back-off.
 */
public class RequestNotSentException extends TransportException {

    public RequestNotSentException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }

    @Override
    public boolean mayHaveBeenApplied() {
        return false;
    }
}
