package com.leadloader.spec;

import java.util.List;

/**
 * Per-lead checks against the campaign's {@code campaign_fields}.
 *
 * @param overLong       REJECT a lead with a value longer than its field (default), or TRUNCATE it
 *                       and record a warning
 * @param required       ContactNow fields every lead must have, besides the campaign's own required ones
 * @param maxBadPercent  a run with more bad leads than this share of its rows exits with the
 *                       "too many bad leads" code (100 = never)
 */
public record ValidationSpec(OverLong overLong, List<String> required, Double maxBadPercent) {

    /** What to do with a value longer than its field. */
    public enum OverLong { REJECT, TRUNCATE }

    public ValidationSpec {
        overLong = overLong == null ? OverLong.REJECT : overLong;
        required = required == null ? List.of() : List.copyOf(required);
        maxBadPercent = maxBadPercent == null ? 100.0 : maxBadPercent;
    }

    public static ValidationSpec defaults() {
        return new ValidationSpec(null, null, null);
    }
}
