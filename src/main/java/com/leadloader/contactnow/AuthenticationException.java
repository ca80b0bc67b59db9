package com.leadloader.contactnow;

/**
 * {@code token.php} refused the username and password ({@code Authentication failure}).
 * Retrying cannot help: stop and fix the credentials (or the region's base URL).
 */
public class AuthenticationException extends ContactNowException {

    private final String serverError;

    public AuthenticationException(String message, String serverError) {
        super(message, null);
        this.serverError = serverError;
    }

    /** The server's {@code error} text, e.g. {@code Authentication failure}. */
    public String serverError() {
        return serverError;
    }
}
