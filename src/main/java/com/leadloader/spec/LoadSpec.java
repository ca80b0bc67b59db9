package com.leadloader.spec;

/**
 * How leads are written to ContactNow.
 *
 * @param chunkSize       leads per {@code ecnow_records create} request (and per committed chunk)
 * @param inFlight        create requests in flight at once
 * @param requestsPerSecond a cap on API requests per second (0 = none)
 * @param maxAttempts     attempts per chunk on transient failures before its leads are marked failed
 * @param markerField     the ContactNow field that carries each lead's deterministic load marker
 * @param partitions      partitions of the source loaded side by side in this process, each with its
 *                        own {@code in-flight} requests and restartable on its own
 */
public record LoadSpec(Integer chunkSize, Integer inFlight, Double requestsPerSecond, Integer maxAttempts,
                       String markerField, Integer partitions) {

    public LoadSpec {
        chunkSize = chunkSize == null ? 200 : chunkSize;
        inFlight = inFlight == null ? 4 : inFlight;
        requestsPerSecond = requestsPerSecond == null ? 0.0 : requestsPerSecond;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        markerField = markerField == null ? "VENDOR_URN" : markerField;
        partitions = partitions == null ? 1 : partitions;
    }

    public static LoadSpec defaults() {
        return new LoadSpec(null, null, null, null, null, null);
    }
}
