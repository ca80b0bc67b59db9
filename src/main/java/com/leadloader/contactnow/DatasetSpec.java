package com.leadloader.contactnow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset to create with {@code ecnow_datasets create}. The API defaults apply: status HOLD, priority 0.
 *
 * @param table       the campaign table the dataset belongs to
 * @param description its name
 * @param qid         the queue to dial it through, or null
 * @param status      HOLD (default) or LIVE
 * @param priority    0..90 (default 0)
 * @param notes       free notes, or null
 */
public record DatasetSpec(String table, String description, Long qid, DatasetStatus status, int priority,
                          String notes) {

    public DatasetSpec {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(description, "description");
        status = status == null ? DatasetStatus.HOLD : status;
        if (priority < 0 || priority > 90) {
            throw new IllegalArgumentException("dataset priority must be 0..90, was " + priority);
        }
    }

    /** A HOLD dataset of priority 0 in {@code table}. */
    public static DatasetSpec of(String table, String description) {
        return new DatasetSpec(table, description, null, null, 0, null);
    }

    public DatasetSpec withQid(long value) {
        return new DatasetSpec(table, description, value, status, priority, notes);
    }

    public DatasetSpec withStatus(DatasetStatus value) {
        return new DatasetSpec(table, description, qid, value, priority, notes);
    }

    public DatasetSpec withPriority(int value) {
        return new DatasetSpec(table, description, qid, status, value, notes);
    }

    public DatasetSpec withNotes(String value) {
        return new DatasetSpec(table, description, qid, status, priority, value);
    }

    /** The fields posted to the API. */
    Map<String, String> toFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("table", table);
        fields.put("description", description);
        if (qid != null) {
            fields.put("qid", Long.toString(qid));
        }
        fields.put("d_status", status.name());
        fields.put("d_priority", Integer.toString(priority));
        if (notes != null) {
            fields.put("notes", notes);
        }
        return fields;
    }
}
