package com.leadloader.ledger;

import com.leadloader.lead.Lead;
import com.leadloader.source.SourceRow;
import java.time.Instant;
import java.util.Map;

/**
 * One ledger row: a source row of one run and what became of it.
 *
 * @param fields       the ContactNow fields sent (or to be sent) for leads that were claimed
 * @param sourceValues the source row's columns, kept for leads that were not sent (bad.csv)
 */
public record LedgerEntry(
        long id,
        String jobName,
        long jobInstanceId,
        long jobExecutionId,
        String scopeKey,
        String dedupeKey,
        String origin,
        long sourcePosition,
        String marker,
        LeadState state,
        Long contactnowKey,
        String reasonCode,
        String message,
        String duplicateOf,
        int attempts,
        Map<String, String> sourceValues,
        Map<String, String> fields,
        Instant createdAt,
        Instant updatedAt) {

    /** The lead as it was claimed, under its marker: to reconcile it or send it again. */
    public MarkedLead asMarkedLead() {
        Lead lead = Lead.mapped(new SourceRow(origin, sourcePosition, sourceValues), fields).withDedupeKey(dedupeKey);
        return new MarkedLead(lead, marker);
    }

    /** Where the lead came from, as reports show it: {@code leads.csv row 12}. */
    public String where() {
        return origin + " row " + sourcePosition;
    }
}
