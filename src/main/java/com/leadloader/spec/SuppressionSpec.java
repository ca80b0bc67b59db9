package com.leadloader.spec;

import java.util.List;

/**
 * Lists of numbers (and emails) never to load, such as in-house opt-outs or a TPS/CTPS extract.
 *
 * @param files      the suppression files
 * @param maxAgeDays a file screened longer ago than this is stale (UK rules: 28 days for TPS)
 * @param onStale    REFUSE the run (default) or WARN and go on when a file is stale
 */
public record SuppressionSpec(List<SuppressionFile> files, Integer maxAgeDays, StalePolicy onStale) {

    /** What a stale suppression file does to a run. */
    public enum StalePolicy { REFUSE, WARN }

    public SuppressionSpec {
        files = files == null ? List.of() : List.copyOf(files);
        maxAgeDays = maxAgeDays == null ? 28 : maxAgeDays;
        onStale = onStale == null ? StalePolicy.REFUSE : onStale;
    }

    public static SuppressionSpec none() {
        return new SuppressionSpec(null, null, null);
    }
}
