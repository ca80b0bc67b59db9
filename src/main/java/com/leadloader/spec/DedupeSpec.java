package com.leadloader.spec;

import java.util.List;

/**
 * Which leads count as the same person, and against what.
 *
 * @param key        the parts of the key, combined: {@code phone} (the lead's normalised phones),
 *                   {@code email} (lower-cased), {@code column:NAME} (a source column, trimmed) or
 *                   {@code field:NAME} (a mapped ContactNow field)
 * @param scope      RUN: only this run's leads; DATASET or TABLE: also every lead loaded before into
 *                   the same dataset or campaign table, as the ledger records them
 * @param withinDays with DATASET or TABLE scope: only leads loaded within this many days count
 */
public record DedupeSpec(List<String> key, Scope scope, Integer withinDays) {

    /** Against which earlier leads a lead is checked. */
    public enum Scope { RUN, DATASET, TABLE }

    public DedupeSpec {
        key = key == null || key.isEmpty() ? List.of("phone") : List.copyOf(key);
        scope = scope == null ? Scope.TABLE : scope;
    }

    public static DedupeSpec defaults() {
        return new DedupeSpec(null, null, null);
    }
}
