package com.leadloader.load;

import java.time.Duration;

/**
 * How the writer talks to ContactNow.
 *
 * @param dataset      the dataset id records are created in
 * @param markerField  the field carrying each lead's load marker (VENDOR_URN by default)
 * @param chunkSize    leads per create request
 * @param inFlight     create requests in flight at once
 * @param maxAttempts  attempts per request before its leads are marked failed
 * @param firstBackoff the first retry's wait; it doubles, with jitter, up to {@code maxBackoff}
 * @param maxBackoff   the longest wait between attempts
 */
public record LoadSettings(String dataset, String markerField, int chunkSize, int inFlight, int maxAttempts,
                           Duration firstBackoff, Duration maxBackoff) {
}
