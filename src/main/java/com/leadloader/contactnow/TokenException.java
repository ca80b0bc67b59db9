package com.leadloader.contactnow;

/**
 * A call was refused for its token ({@code Expired token}, {@code Invalid token}, {@code Unknown token})
 * even after the token was replaced and the call resent once: nothing was applied. A token is bound to
 * the IP that fetched it, so a changing egress address is the usual cause.
 */
public class TokenException extends ContactNowException {

    private final String serverError;

    public TokenException(String message, String serverError) {
        super(message, null);
        this.serverError = serverError;
    }

    /** The server's {@code error} text of the second refusal. */
    public String serverError() {
        return serverError;
    }
}
