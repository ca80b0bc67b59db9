package com.leadloader.source;

import java.util.Map;

/**
 * One row as a source produced it, before any mapping.
 *
 * @param origin   the file name the row came from; for a database, the JDBC URL up to its first
 *                 {@code ?} or {@code ;}, without user or password
 * @param position where it is in its origin: the CSV line the record starts on, the Excel row
 *                 number, or the ordinal of a database row; what reports call "source row"
 * @param values   column name to the value as the user sees it, in source order
 * @param problem  null, or why the row could not be read properly (ragged row, unreadable cell);
 *                 such a row becomes a bad lead, never a crash
 */
public record SourceRow(String origin, long position, Map<String, String> values, String problem) {

    public SourceRow {
        values = FixedMap.copyOf(values);
    }

    public SourceRow(String origin, long position, Map<String, String> values) {
        this(origin, position, values, null);
    }

    /** The value of a column, or null when the row has no such column. */
    public String value(String column) {
        return values.get(column);
    }
}
