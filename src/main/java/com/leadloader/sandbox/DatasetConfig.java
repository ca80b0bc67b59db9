package com.leadloader.sandbox;

import java.util.Set;

/**
 * A dataset the sandbox starts with: its id, the campaign table it belongs to, its status
 * (LIVE, HOLD or EXPIRED) and dial priority (0..90).
 */
public record DatasetConfig(int id, String table, String description, String status, int priority, long qid, String notes) {

    static final Set<String> STATUSES = Set.of("LIVE", "HOLD", "EXPIRED");

    public DatasetConfig {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be a positive number");
        }
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("table must name a campaign table");
        }
        description = description == null ? "" : description;
        status = status == null ? "HOLD" : status.toUpperCase(java.util.Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be LIVE, HOLD or EXPIRED, not '" + status + "'");
        }
        if (priority < 0 || priority > 90) {
            throw new IllegalArgumentException("priority must be between 0 and 90");
        }
        notes = notes == null ? "" : notes;
    }
}
