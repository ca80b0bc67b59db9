package com.leadloader.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What was loaded before: the cross-run half of dedupe. Looked up a chunk at a time, never per
 * lead, so a million-lead run makes thousands of queries, not a million.
 */
public interface LoadHistory {

    /**
     * Finds which of these dedupe keys were already loaded (created, or pending in a run that may
     * have created them), or are held by a lead that failed and waits for {@code rerun-failed}, in a
     * scope.
     *
     * @param scope a scope key: {@code table:NAME} or {@code dataset:ID}
     * @param keys  dedupe keys
     * @param since only loads at or after this instant count; null for all time
     * @return for each key found, its first load
     */
    Map<String, Prior> findLoaded(String scope, Collection<String> keys, Instant since);

    /**
     * An earlier load of a key.
     *
     * @param where     {@code "execution 12, leads.csv row 40"}
     * @param execution the execution that last touched it
     * @param failed    whether that lead was not created after retries (it waits for {@code rerun-failed})
     */
    record Prior(String where, long execution, boolean failed) {
    }
}
