package com.leadloader.contactnow;

import java.util.Locale;

/**
 * The server understood the call and refused it ({@code success} false, or an HTTP error such as 404
 * from a wrong base URL). Resending the same call gives the same answer: report {@link #serverError()}.
 */
public class ApiException extends ContactNowException {

    private final String serverError;

    public ApiException(String message, String serverError) {
        super(message, null);
        this.serverError = serverError == null ? "" : serverError;
    }

    /** The server's {@code error} text (or {@code HTTP <code>} when it sent none); never null. */
    public String serverError() {
        return serverError;
    }

    /** Whether the server refused because the dataset is EXPIRED (its records can no longer be changed). */
    public boolean isDatasetExpired() {
        return serverError.toUpperCase(Locale.ROOT).contains("EXPIRED")
                && !serverError.toLowerCase(Locale.ROOT).contains("token");
    }
}
