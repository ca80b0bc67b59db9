package com.leadloader.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks the sandbox's API tokens: random hex strings that live {@code ttl} seconds.
 * Tokens are never logged; only their count is reported.
 */
final class TokenRegistry {

    enum Status { VALID, UNKNOWN, EXPIRED }

    /** A token and when it expires, in Unix seconds. */
    record Issued(String token, long expireEpochSeconds) {
        @Override
        public String toString() {
            return "Issued[token=***, expire=" + expireEpochSeconds + "]";
        }
    }

    private record Entry(String username, long expiresAtMillis) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
    private final Set<String> everIssued = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private volatile long ttlSeconds;

    TokenRegistry(List<ApiUser> users, long ttlSeconds, Clock clock) {
        users.forEach(u -> passwords.put(u.username(), u.password()));
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
    }

    /** A new token for good credentials; empty for bad ones. */
    Optional<Issued> issue(String username, String password) {
        if (username == null || password == null || !password.equals(passwords.get(username))) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        long expiresAt = clock.millis() + ttlSeconds * 1000;
        tokens.put(token, new Entry(username, expiresAt));
        everIssued.add(token);
        return Optional.of(new Issued(token, expiresAt / 1000));
    }

    Status check(String token) {
        Entry entry = token == null ? null : tokens.get(token);
        if (entry == null) {
            return Status.UNKNOWN;
        }
        return clock.millis() >= entry.expiresAtMillis() ? Status.EXPIRED : Status.VALID;
    }

    long expireEpochSeconds(String token) {
        Entry entry = tokens.get(token);
        return entry == null ? -1 : entry.expiresAtMillis() / 1000;
    }

    void revokeAll() {
        tokens.clear();
    }

    void setPassword(String username, String password) {
        passwords.put(username, password);
    }

    void setTtlSeconds(long seconds) {
        this.ttlSeconds = seconds;
    }

    /** Every token issued so far, revoked and expired ones included. */
    Set<String> everIssued() {
        return Set.copyOf(everIssued);
    }

    int liveTokens() {
        return tokens.size();
    }
}
