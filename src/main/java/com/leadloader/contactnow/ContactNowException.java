package com.leadloader.contactnow;

/**
 * Any failure of a ContactNow call. Subclasses say what the caller can do about it; messages name
 * the script, method, action and redacted URL, never a token, username or password.
 */
public abstract class ContactNowException extends RuntimeException {

    protected ContactNowException(String message, Throwable cause) {
        super(message, cause);
    }
}
