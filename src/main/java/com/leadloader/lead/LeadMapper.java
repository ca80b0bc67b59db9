package com.leadloader.lead;

import com.leadloader.source.FixedMap;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.FieldMapping;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the spec's {@code mapping} to a source row: column, constant or concat, then the
 * transforms in order, then the default when the value is empty. Values are not trimmed unless a
 * TRIM transform says so. Unknown columns are a spec error found up front by {@link #checkColumns}.
 * Thread-safe.
 */
public final class LeadMapper {

    public static final String UNREADABLE_ROW = "UNREADABLE_ROW";

    private final Map<String, FieldMapping> mapping;
    private final List<String> phoneColumns;
    /** The mapped fields in mapping order, and how each is filled: every lead's keys. */
    private final FixedMap.Keys<String> fieldKeys;
    private final FieldMapping[] fieldMappings;
    /** Where the last source's columns are, for the mappings of one column (a source has one set of columns). */
    private volatile ColumnPositions positions;

    public LeadMapper(JobSpec spec) {
        this.mapping = spec.mapping();
        this.fieldKeys = FixedMap.Keys.of(List.copyOf(mapping.keySet()));
        this.fieldMappings = mapping.values().toArray(new FieldMapping[0]);
        this.phoneColumns = spec.phones().routeByType() ? spec.phones().columns() : List.of();
    }

    /**
     * The spec errors the source's columns reveal, one sentence each, e.g.
     * {@code mapping.FirstName: source has no column 'frist_name' (columns: ...)}; empty when none.
     */
    public List<String> checkColumns(Collection<String> headerColumns) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, FieldMapping> e : mapping.entrySet()) {
            String where = "mapping." + e.getKey();
            FieldMapping m = e.getValue();
            int kinds = (m.column() != null ? 1 : 0) + (m.constant() != null ? 1 : 0) + (m.concat().isEmpty() ? 0 : 1);
            if (kinds != 1) {
                errors.add(where + ": give exactly one of column, constant or concat");
                continue;
            }
            if (m.column() != null) {
                missing(where, m.column(), headerColumns, errors);
            }
            for (String column : m.concat()) {
                missing(where + ".concat", column, headerColumns, errors);
            }
        }
        for (String column : phoneColumns) {
            missing("phones.columns", column, headerColumns, errors);
        }
        return errors;
    }

    private static void missing(String where, String column, Collection<String> header, List<String> errors) {
        if (!header.contains(column)) {
            errors.add(where + ": source has no column '" + column + "'" + Suggestions.hint(column, header)
                    + " (columns: " + String.join(", ", header) + ")");
        }
    }

    /** The row as a VALID lead with its mapped fields, or a BAD one when the source could not read it. */
    public Lead map(SourceRow row) {
        String[] values = new String[fieldMappings.length];
        FixedMap<String, String> columns = FixedMap.copyOf(row.values());
        int[] at = columnPositions(columns.keys());
        for (int i = 0; i < values.length; i++) {
            FieldMapping m = fieldMappings[i];
            values[i] = at[i] >= 0 ? finish(m, columns.valueAt(at[i])) : value(m, row);
        }
        Lead lead = Lead.mapped(row, FixedMap.of(fieldKeys, values));
        if (row.problem() != null) {
            return lead.bad(UNREADABLE_ROW, lead.where() + ": could not be read: " + row.problem());
        }
        return lead;
    }

    /**
     * By mapped field, the position in {@code columns} of the one column it is filled from, or -1 when
     * it is a constant, a concat or a column these keys lack; remembered for the last keys seen.
     */
    private int[] columnPositions(FixedMap.Keys<String> columns) {
        ColumnPositions known = positions;
        if (known != null && known.columns == columns) {
            return known.at;
        }
        int[] at = new int[fieldMappings.length];
        for (int i = 0; i < at.length; i++) {
            FieldMapping m = fieldMappings[i];
            at[i] = m.constant() == null && m.column() != null ? columns.indexOf(m.column()) : -1;
        }
        positions = new ColumnPositions(columns, at);
        return at;
    }

    private record ColumnPositions(FixedMap.Keys<String> columns, int[] at) {
    }

    static String value(FieldMapping m, SourceRow row) {
        String value;
        if (m.constant() != null) {
            value = m.constant();
        } else if (m.column() != null) {
            value = row.value(m.column());
        } else {
            value = concat(m, row);
        }
        return finish(m, value);
    }

    /** The transforms in order, then the default when the value is empty. */
    private static String finish(FieldMapping m, String value) {
        if (value == null) {
            value = "";
        }
        List<FieldMapping.Transform> transforms = m.transform();
        for (int i = 0, n = transforms.size(); i < n; i++) {
            value = switch (transforms.get(i)) {
                case TRIM -> value.strip();
                case UPPER -> value.toUpperCase(Locale.ROOT);
                case LOWER -> value.toLowerCase(Locale.ROOT);
                case COLLAPSE_SPACES -> collapseSpaces(value);
            };
        }
        if (m.defaultValue() != null && value.isBlank()) {
            value = m.defaultValue();
        }
        return value;
    }

    private static String concat(FieldMapping m, SourceRow row) {
        StringBuilder b = new StringBuilder();
        for (String column : m.concat()) {
            String part = row.value(column);
            if (part == null || part.isBlank()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(m.separator());
            }
            b.append(part);
        }
        return b.toString();
    }

    /** Runs of whitespace become one space; leading and trailing runs too (TRIM removes them). */
    private static String collapseSpaces(String s) {
        if (!hasSpaceToCollapse(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean inSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                if (!inSpace) {
                    b.append(' ');
                    inSpace = true;
                }
            } else {
                b.append(c);
                inSpace = false;
            }
        }
        return b.toString();
    }

    /** Whether {@link #collapseSpaces} would change the value: whitespace other than lone spaces. */
    private static boolean hasSpaceToCollapse(String s) {
        boolean afterSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (afterSpace) {
                    return true;
                }
                afterSpace = true;
            } else if (c > ' ' && c < 0x7F) {
                afterSpace = false;
            } else if (Character.isWhitespace(c) || c == '\u00A0') {
                return true;
            } else {
                afterSpace = false;
            }
        }
        return false;
    }
}
