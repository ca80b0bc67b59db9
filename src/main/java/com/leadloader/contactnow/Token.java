package com.leadloader.contactnow;

import java.time.Instant;
import java.util.Objects;

/**
 * A ContactNow access token with the instant the server says it expires and the instant it was fetched.
 * {@link #toString()} never shows the value.
 *
 * @param value     the token (a secret: never log it)
 * @param expires   when the server stops accepting it ({@code expire}, Unix seconds)
 * @param fetchedAt when this client received it
 */
public record Token(String value, Instant expires, Instant fetchedAt) {

    public Token {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    @Override
    public String toString() {
        return "Token[value=***, expires=" + expires + ", fetchedAt=" + fetchedAt + "]";
    }
}
