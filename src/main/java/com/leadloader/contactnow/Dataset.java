package com.leadloader.contactnow;

/**
 * One dataset of a campaign table, as {@code ecnow_datasets read} describes it.
 *
 * @param id          the dataset id ({@code dataset})
 * @param qid         the queue it dials through (0 when none)
 * @param status      HOLD, LIVE or EXPIRED ({@code d_status})
 * @param priority    dial order within the campaign, 0..90 ({@code d_priority})
 * @param description its name
 * @param notes       free notes
 * @param table       the campaign table, or empty when the server does not say
 * @param locked      whether the dataset is locked
 */
public record Dataset(int id, long qid, DatasetStatus status, int priority, String description, String notes,
                      String table, boolean locked) {

    public Dataset {
        description = description == null ? "" : description;
        notes = notes == null ? "" : notes;
        table = table == null ? "" : table;
    }
}
