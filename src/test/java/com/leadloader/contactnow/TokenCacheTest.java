package com.leadloader.contactnow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration LIFETIME = Duration.ofSeconds(43_199); // 11 h 59 s, contactnow-api.md

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger fetched = new AtomicInteger();

    private final Supplier<Token> server = () -> {
        int n = fetched.incrementAndGet();
        return new Token("token-" + n, clock.instant().plus(LIFETIME), clock.instant());
    };

    @Test
    void tokenIsReusedUntilTheMarginBeforeItsExpiry() {
        TokenCache cache = new TokenCache(server, clock, Duration.ofMinutes(5));

        assertThat(cache.get()).isEqualTo("token-1");
        clock.advance(LIFETIME.minusMinutes(5).minusSeconds(1));
        assertThat(cache.get()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get()).isEqualTo("token-2");
        assertThat(cache.fetchCount()).isEqualTo(2);
    }

    @Test
    void refreshTimeIsExpiryMinusMarginButNeverBeforeHalfTheLifetime() {
        TokenCache cache = new TokenCache(server, clock, Duration.ofMinutes(5));
        Token longLived = new Token("a", T0.plus(LIFETIME), T0);
        Token shortLived = new Token("b", T0.plusSeconds(2), T0);

        assertThat(cache.refreshAt(longLived)).isEqualTo(T0.plus(LIFETIME).minusSeconds(300));
        assertThat(cache.refreshAt(shortLived)).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void invalidatingTheCachedTokenMakesTheNextCallFetchANewOne() {
        TokenCache cache = new TokenCache(server, clock, Duration.ofMinutes(5));
        String first = cache.get();

        assertThat(cache.invalidate(first)).isTrue();
        assertThat(cache.get()).isEqualTo("token-2");
    }

    @Test
    void invalidatingATokenAlreadyReplacedKeepsTheNewOne() {
        TokenCache cache = new TokenCache(server, clock, Duration.ofMinutes(5));
        String old = cache.get();
        cache.invalidate(old);
        cache.get();

        assertThat(cache.invalidate(old)).isFalse();
        assertThat(cache.get()).isEqualTo("token-2");
        assertThat(cache.fetchCount()).isEqualTo(2);
    }

    @Test
    void manyThreadsNeedingATokenCauseExactlyOneFetch() throws Exception {
        int threads = 32;
        CountDownLatch entered = new CountDownLatch(threads);
        List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
        TokenCache cache = new TokenCache(() -> {
            awaitOthersParked(entered, workers); // hold the fetch until every other thread waits for it
            return server.get();
        }, clock, Duration.ofMinutes(5));

        List<String> tokens = runConcurrently(threads, workers, () -> {
            entered.countDown();
            return cache.get();
        });

        assertThat(tokens).hasSize(threads).containsOnly("token-1");
        assertThat(fetched).hasValue(1);
    }

    @Test
    void aFailedFetchIsReportedToEveryWaiterAndTheNextCallTriesAgain() throws Exception {
        int threads = 8;
        CountDownLatch entered = new CountDownLatch(threads);
        AtomicInteger attempts = new AtomicInteger();
        List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
        TokenCache cache = new TokenCache(() -> {
            if (attempts.incrementAndGet() == 1) {
                awaitOthersParked(entered, workers);
                throw new AuthenticationException("token.php get: token refused", "Authentication failure");
            }
            return server.get();
        }, clock, Duration.ofMinutes(5));

        List<String> outcomes = runConcurrently(threads, workers, () -> {
            entered.countDown();
            try {
                return cache.get();
            } catch (AuthenticationException e) {
                return "refused";
            }
        });

        assertThat(outcomes).containsOnly("refused");
        assertThat(attempts).hasValue(1);
        assertThat(cache.get()).isEqualTo("token-1");
    }

    @Test
    void aFetchFailureReachesTheCallerUnchanged() {
        TokenCache cache = new TokenCache(() -> {
            throw new RequestNotSentException("token.php get: connection refused", null, null);
        }, clock, Duration.ofMinutes(5));

        assertThatThrownBy(cache::get).isInstanceOf(RequestNotSentException.class);
    }

    private static List<String> runConcurrently(int threads, List<Thread> workers,
                                                java.util.concurrent.Callable<String> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r);
            workers.add(t);
            return t;
        });
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until every worker has asked for a token and all but the caller are parked waiting for it. */
    private static void awaitOthersParked(CountDownLatch entered, List<Thread> workers) {
        try {
            if (!entered.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("workers did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workers.stream().filter(t -> t != Thread.currentThread())
                .anyMatch(t -> t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("workers did not park");
            }
            Thread.onSpinWait();
        }
    }
}
