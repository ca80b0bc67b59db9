package com.leadloader.contactnow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Caches one ContactNow token for all threads. Refreshes it shortly before it expires, and at most once
 * when the server says it has: while one thread fetches, the others wait for that same result.
 */
public final class TokenCache {

    private final Supplier<Token> fetcher;
    private final Clock clock;
    private final Duration refreshMargin;
    private final AtomicLong fetches = new AtomicLong();

    private volatile Token token;
    private CompletableFuture<Token> inFlight; // guarded by this

    /**
     * @param fetcher       asks {@code token.php} for a new token (may throw {@link ContactNowException})
     * @param clock         the clock expiry is judged by
     * @param refreshMargin how long before its expiry a token is replaced
     */
    public TokenCache(Supplier<Token> fetcher, Clock clock, Duration refreshMargin) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin");
    }

    /** The current token, fetched first if there is none or it is due for refresh. */
    public String get() {
        Token current = token;
        if (current != null && isFresh(current)) {
            return current.value();
        }
        CompletableFuture<Token> result;
        boolean mine = false;
        synchronized (this) {
            current = token;
            if (current != null && isFresh(current)) {
                return current.value();
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            }
            result = inFlight;
        }
        if (mine) {
            fetchInto(result);
        }
        try {
            return result.join().value();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void fetchInto(CompletableFuture<Token> result) {
        try {
            fetches.incrementAndGet();
            Token fetched = Objects.requireNonNull(fetcher.get(), "fetched token");
            synchronized (this) {
                token = fetched;
                inFlight = null;
            }
            result.complete(fetched);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                inFlight = null;
            }
            result.completeExceptionally(e);
        }
    }

    /**
     * Forgets {@code refused} if it is still the cached token, so the next {@link #get()} fetches a new one.
     * A token another thread already replaced is left alone. Returns whether the cache was cleared.
     */
    public synchronized boolean invalidate(String refused) {
        Token current = token;
        if (current != null && current.value().equals(refused)) {
            token = null;
            return true;
        }
        return false;
    }

    /** How many times a token was requested from the server. */
    public long fetchCount() {
        return fetches.get();
    }

    /**
     * When {@code t} is replaced: {@code refreshMargin} before it expires, but never earlier than halfway
     * through its life, so a short-lived token (a sandbox's) is still reused.
     */
    public Instant refreshAt(Token t) {
        Duration lifetime = Duration.between(t.fetchedAt(), t.expires());
        if (lifetime.isNegative() || lifetime.isZero()) {
            return t.expires();
        }
        Duration margin = refreshMargin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshMargin;
        return t.expires().minus(margin);
    }

    private boolean isFresh(Token t) {
        return clock.instant().isBefore(refreshAt(t));
    }
}
