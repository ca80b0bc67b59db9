package com.leadloader.sandbox;

/**
 * An API user of the sandbox: the username and password that {@code token.php?action=get} accepts.
 * The password is only ever compared, never printed ({@link #toString()} hides it).
 */
public record ApiUser(String username, String password) {

    public ApiUser {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
    }

    @Override
    public String toString() {
        return "ApiUser[username=" + username + ", password=***]";
    }
}
