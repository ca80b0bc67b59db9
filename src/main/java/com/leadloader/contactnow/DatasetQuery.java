package com.leadloader.contactnow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Filters of {@code ecnow_datasets read}; every one is optional, and null means "not filtered".
 *
 * @param qid         a queue id or comma-separated list of them
 * @param dataset     one dataset id
 * @param state       only datasets in this status
 * @param table       only datasets of this campaign table
 * @param description only datasets with this name
 */
public record DatasetQuery(String qid, Integer dataset, DatasetStatus state, String table, String description) {

    /** All datasets of the account. */
    public static DatasetQuery all() {
        return new DatasetQuery(null, null, null, null, null);
    }

    /** The datasets of one campaign table. */
    public static DatasetQuery ofTable(String table) {
        return new DatasetQuery(null, null, null, table, null);
    }

    /** One dataset by id. */
    public static DatasetQuery ofDataset(int dataset) {
        return new DatasetQuery(null, dataset, null, null, null);
    }

    public DatasetQuery withQid(String value) {
        return new DatasetQuery(value, dataset, state, table, description);
    }

    public DatasetQuery withState(DatasetStatus value) {
        return new DatasetQuery(qid, dataset, value, table, description);
    }

    public DatasetQuery withTable(String value) {
        return new DatasetQuery(qid, dataset, state, value, description);
    }

    public DatasetQuery withDescription(String value) {
        return new DatasetQuery(qid, dataset, state, table, value);
    }

    /** The query parameters, in a stable order. */
    public Map<String, String> toParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        if (qid != null) {
            params.put("qid", qid);
        }
        if (dataset != null) {
            params.put("dataset", dataset.toString());
        }
        if (state != null) {
            params.put("state", state.name());
        }
        if (table != null) {
            params.put("table", table);
        }
        if (description != null) {
            params.put("description", description);
        }
        return params;
    }
}
