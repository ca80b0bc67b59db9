package com.leadloader.lead;

import com.leadloader.source.FixedMap;
import com.leadloader.source.SourceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A source row mapped to ContactNow fields, with what processing decided about it. Processors
 * never drop a lead: they return a copy with a status, so every row's fate reaches the ledger.
 *
 * @param row         the row it came from
 * @param fields      ContactNow field name to value, as it will be sent
 * @param dedupeKey   the normalised key duplicates are found by (null when no key could be built)
 * @param status      what processing decided
 * @param reasonCode  for a lead that is not sent: a stable code (e.g. {@code NO_VALID_PHONE})
 * @param message     for a lead that is not sent: a sentence a person can act on, naming the field
 * @param warnings    things changed or dropped on the way (an invalid second phone, a truncation)
 * @param duplicateOf for a duplicate: where the first occurrence is (e.g. {@code leads.csv row 12}
 *                    or {@code ledger: execution 7 row 31})
 */
public record Lead(
        SourceRow row,
        Map<String, String> fields,
        String dedupeKey,
        LeadStatus status,
        String reasonCode,
        String message,
        List<String> warnings,
        String duplicateOf) {

    public Lead {
        fields = FixedMap.copyOf(fields);
        warnings = List.copyOf(warnings);
    }

    /** A freshly mapped lead, valid until a processor says otherwise. */
    public static Lead mapped(SourceRow row, Map<String, String> fields) {
        return new Lead(row, fields, null, LeadStatus.VALID, null, null, List.of(), null);
    }

    /** The fields as the fixed map they are kept as, for reading them by position. */
    public FixedMap<String, String> fixedFields() {
        return (FixedMap<String, String>) fields; // the constructor made it one
    }

    /** Where the lead came from, as reports name it: {@code leads.csv row 12}. */
    public String where() {
        return row.origin() + " row " + row.position();
    }

    /** The value of a field, its name matched case-insensitively as the API does; null when absent. */
    public String field(String name) {
        String exact = fields.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public boolean isValid() {
        return status == LeadStatus.VALID;
    }

    public Lead withFields(Map<String, String> newFields) {
        return new Lead(row, newFields, dedupeKey, status, reasonCode, message, warnings, duplicateOf);
    }

    /**
     * This lead without its source row's values (origin, position and any read problem stay): once a
     * lead's row is recorded in the ledger, sending it needs only its fields and marker, and a lead
     * waiting for a request slot would otherwise keep every column it was read with.
     */
    public Lead withoutSourceValues() {
        if (row.values().isEmpty()) {
            return this;
        }
        return new Lead(new SourceRow(row.origin(), row.position(), Map.of(), row.problem()), fields, dedupeKey,
                status, reasonCode, message, warnings, duplicateOf);
    }

    public Lead withDedupeKey(String key) {
        return new Lead(row, fields, key, status, reasonCode, message, warnings, duplicateOf);
    }

    public Lead withWarning(String warning) {
        return withWarnings(List.of(warning));
    }

    /** This lead with the warnings added after its own, in order; itself when there are none. */
    Lead withWarnings(List<String> added) {
        if (added.isEmpty()) {
            return this;
        }
        List<String> more = new ArrayList<>(warnings.size() + added.size());
        more.addAll(warnings);
        more.addAll(added);
        return new Lead(row, fields, dedupeKey, status, reasonCode, message, more, duplicateOf);
    }

    /** This lead marked bad, with a code and a message; the first verdict stands. */
    public Lead bad(String code, String why) {
        return rejected(LeadStatus.BAD, code, why, null);
    }

    public Lead duplicate(String why, String firstOccurrence) {
        return rejected(LeadStatus.DUPLICATE, "DUPLICATE", why, firstOccurrence);
    }

    public Lead suppressed(String code, String why) {
        return rejected(LeadStatus.SUPPRESSED, code, why, null);
    }

    private Lead rejected(LeadStatus newStatus, String code, String why, String first) {
        if (!isValid()) {
            return this;
        }
        return new Lead(row, fields, dedupeKey, newStatus, code, why, warnings, first);
    }
}
