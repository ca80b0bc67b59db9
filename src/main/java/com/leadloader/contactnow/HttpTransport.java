package com.leadloader.contactnow;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLException;

import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one HTTP request on the shared OkHttp client and sorts every failure by whether the server may
 * have acted on it: nothing written yet (or 429) is {@link RequestNotSentException}; anything after the
 * request started going out, and any 5xx, is {@link AmbiguousOutcomeException}. Never resends by itself.
 */
final class HttpTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);

    /**
     * What the server answered; 429 and 5xx never get here. The body is held as Okio's pooled
     * segments, not as one array: a key read answers a few megabytes, and one array (twice: bytes,
     * then a String) that large is a humongous object to G1 that starts a concurrent cycle each time
     * under a small heap. Read it with {@link #text} or {@link #stream}, each as often as needed.
     */
    record Answer(int status, Buffer body) {
        boolean isSuccessful() {
            return status >= 200 && status < 300;
        }

        /** The whole body as text (UTF-8); fine for the small answers of everything but a read. */
        String text() {
            return body.clone().readUtf8();
        }

        /** The body's bytes from the start, without copying them into one array. */
        InputStream stream() {
            return body.clone().inputStream();
        }
    }

    /** Set once the request's first byte is about to be written: from then on the server may act on it. */
    private static final class SendProgress {
        volatile boolean started;
    }

    private final OkHttpClient http;
    private final Clock clock;
    private final UnaryOperator<String> scrubber;

    HttpTransport(ContactNowProperties properties, Clock clock, UnaryOperator<String> scrubber) {
        this.clock = clock;
        this.scrubber = scrubber;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .writeTimeout(properties.readTimeout())
                .callTimeout(properties.callTimeout())
                .connectionPool(new ConnectionPool(properties.maxIdleConnections(),
                        properties.keepAlive().toMillis(), TimeUnit.MILLISECONDS))
                // A POST must never be resent behind the caller's back: it could create records twice.
                .retryOnConnectionFailure(false)
                .socketFactory(new NoDelaySocketFactory())
                .followRedirects(false)
                .followSslRedirects(false)
                .eventListenerFactory(HttpTransport::listenerFor)
                .build();
    }

    private static EventListener listenerFor(Call call) {
        SendProgress progress = call.request().tag(SendProgress.class);
        if (progress == null) {
            return EventListener.NONE;
        }
        return new EventListener() {
            @Override
            public void requestHeadersStart(Call c) {
                progress.started = true;
            }
        };
    }

    /**
     * Executes {@code request}; {@code what} names the call in messages (script, method, action, redacted URL).
     *
     * @throws RequestNotSentException    when the request surely had no effect
     * @throws AmbiguousOutcomeException  when it may have had one
     */
    Answer execute(Request request, String what) {
        SendProgress progress = new SendProgress();
        Request tagged = request.newBuilder().tag(SendProgress.class, progress).build();
        long started = System.nanoTime();
        log.debug("{} ->", what);
        try (Response response = http.newCall(tagged).execute()) {
            int status = response.code();
            Duration retryAfter = retryAfter(response.header("Retry-After"));
            if (status == 429) {
                log.debug("{} <- 429 after {} ms", what, elapsedMillis(started));
                throw new RequestNotSentException(what + ": server answered 429 Too Many Requests (not applied)"
                        + retryAfterText(retryAfter), retryAfter, null);
            }
            if (status >= 500) {
                log.debug("{} <- {} after {} ms", what, status, elapsedMillis(started));
                throw new AmbiguousOutcomeException(what + ": server answered HTTP " + status
                        + " (it may have been applied)" + retryAfterText(retryAfter), status, retryAfter, null);
            }
            Buffer body = new Buffer();
            try {
                response.body().source().readAll(body);
            } catch (IOException e) {
                throw new AmbiguousOutcomeException(what + ": HTTP " + status + " but the response body was lost ("
                        + describe(e) + "); it may have been applied", status, retryAfter, e);
            }
            log.debug("{} <- {} ({} bytes) after {} ms", what, status, body.size(), elapsedMillis(started));
            return new Answer(status, body);
        } catch (IOException e) {
            log.debug("{} failed after {} ms: {}", what, elapsedMillis(started), describe(e));
            if (!progress.started) {
                throw new RequestNotSentException(what + ": request not sent (" + describe(e) + ")", null, e);
            }
            throw new AmbiguousOutcomeException(what + ": no answer after the request was sent (" + describe(e)
                    + "); it may have been applied", 0, null, e);
        }
    }

    private String describe(IOException e) {
        if (e instanceof SSLException) {
            // Certificates are always verified: there is deliberately no switch to turn that off.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "TLS failed: the server's certificate is not trusted or does not match the host ("
                    + scrubber.apply(String.valueOf(root.getMessage())) + "); leadloader always verifies certificates";
        }
        String message = e.getMessage() == null ? "" : ": " + scrubber.apply(e.getMessage());
        return e.getClass().getSimpleName() + message;
    }

    private Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ZERO;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ZERO;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return Duration.ZERO;
            }
        }
    }

    private static String retryAfterText(Duration retryAfter) {
        return retryAfter.isZero() ? "" : "; retry after " + retryAfter.toSeconds() + " s";
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
