package com.leadloader.load;

import com.leadloader.contactnow.AmbiguousOutcomeException;
import com.leadloader.contactnow.ApiException;
import com.leadloader.contactnow.AuthenticationException;
import com.leadloader.contactnow.RequestNotSentException;
import com.leadloader.contactnow.TokenException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times each ContactNow call the load makes, tagged with the operation ({@code create},
 * {@code read}) and how it ended: {@code ok}, or the kind of error ({@code not_sent},
 * {@code ambiguous}, {@code api}, {@code auth}, {@code token}, {@code other}).
 */
public final class RequestTimer {

    /** Prometheus: {@code leadloader_api_requests_seconds_{count,sum,max,bucket}}. */
    public static final String NAME = "leadloader.api.requests";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A timer that records into a private registry: for callers that export no metrics. */
    public static RequestTimer unexported() {
        return new RequestTimer(new SimpleMeterRegistry());
    }

    /** Runs the call and records its duration and outcome; the call's exception passes through. */
    public <T> T time(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return call.get();
        } catch (RuntimeException e) {
            outcome = kind(e);
            throw e;
        } finally {
            timer(operation, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The error kind a metric reports for an exception from the client. */
    static String kind(RuntimeException e) {
        if (e instanceof RequestNotSentException) {
            return "not_sent";
        }
        if (e instanceof AmbiguousOutcomeException) {
            return "ambiguous";
        }
        if (e instanceof AuthenticationException) {
            return "auth";
        }
        if (e instanceof TokenException) {
            return "token";
        }
        if (e instanceof ApiException) {
            return "api";
        }
        return "other";
    }

    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(operation + "/" + outcome, k -> Timer.builder(NAME)
                .description("ContactNow API calls made by the load")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry));
    }
}
