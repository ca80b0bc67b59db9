package com.leadloader.sandbox;

/**
 * A dataset as it stands now: its status (LIVE, HOLD or EXPIRED) decides whether its records
 * are on the dialler, and how their ProcessType reads.
 */
public record DatasetState(int id, String table, String description, String status, int priority, long qid,
        String notes, long recordCount) {
}
