package com.leadloader.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/** How many of each fault the sandbox has injected so far; tests compare these with what clients saw. */
public final class FaultCounters {

    final AtomicLong draws = new AtomicLong();
    final AtomicLong failedBefore = new AtomicLong();
    final AtomicLong lostAfter = new AtomicLong();
    final AtomicLong resets = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong delayed = new AtomicLong();

    /** create/update requests that took a fault draw (whether or not a fault came of it). */
    public long faultableRequests() {
        return draws.get();
    }

    /** Requests answered 500 or 503 before anything was stored. */
    public long failedBefore() {
        return failedBefore.get();
    }

    /** Requests whose records were stored and whose response was then lost (dropped or 502). */
    public long lostAfter() {
        return lostAfter.get();
    }

    /** Requests whose connection was closed unread, nothing stored. */
    public long resets() {
        return resets.get();
    }

    /** Requests answered 429 because {@code maxInFlight} were already being handled. */
    public long throttled() {
        return throttled.get();
    }

    /** Requests delayed by the configured latency. */
    public long delayed() {
        return delayed.get();
    }

    @Override
    public String toString() {
        return "FaultCounters[draws=" + draws + ", failedBefore=" + failedBefore + ", lostAfter=" + lostAfter
                + ", resets=" + resets + ", throttled=" + throttled + ", delayed=" + delayed + "]";
    }
}
