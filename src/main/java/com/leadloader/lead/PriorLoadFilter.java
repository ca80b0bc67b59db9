package com.leadloader.lead;

import com.leadloader.ledger.LoadHistory;
import com.leadloader.ledger.LoadHistory.Prior;
import com.leadloader.spec.DedupeSpec;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.TargetSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cross-run half of dedupe: marks DUPLICATE the leads of a chunk that the load history says
 * were loaded before into the same campaign table or dataset. One history lookup per chunk, never
 * per lead; with RUN scope (or a dataset created by this run) it looks nothing up. Thread-safe if
 * the history is.
 */
public final class PriorLoadFilter {

    private final String scopeKey;
    private final Integer withinDays;
    private final String keyDescription;
    private final LoadHistory history;
    private final Clock clock;

    /**
     * @param scopeKey       {@code table:NAME} or {@code dataset:ID}, or null to look nothing up
     * @param withinDays     only loads within this many days count; null for all time
     * @param keyDescription what keys are made of, for messages ({@link DedupeKeys#describe()})
     */
    public PriorLoadFilter(String scopeKey, Integer withinDays, String keyDescription, LoadHistory history,
                           Clock clock) {
        this.scopeKey = scopeKey;
        this.withinDays = withinDays;
        this.keyDescription = keyDescription;
        this.history = history;
        this.clock = clock;
    }

    /** The filter for a job: its dedupe scope and target decide the scope key. */
    public static PriorLoadFilter create(JobSpec spec, LoadHistory history, Clock clock) {
        return new PriorLoadFilter(scopeKey(spec.dedupe(), spec.target()), spec.dedupe().withinDays(),
                new DedupeKeys(spec.dedupe()).describe(), history, clock);
    }

    /** {@code table:NAME}, {@code dataset:ID}, or null when there is nothing earlier to check against. */
    public static String scopeKey(DedupeSpec dedupe, TargetSpec target) {
        return switch (dedupe.scope()) {
            case RUN -> null;
            case TABLE -> "table:" + target.table();
            // a dataset this run creates has no history yet
            case DATASET -> target.newDataset() ? null : "dataset:" + target.dataset();
        };
    }

    /** The chunk, in order, with leads loaded before marked DUPLICATE. */
    public List<Lead> filter(List<Lead> chunk) {
        if (scopeKey == null) {
            return chunk;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Lead lead : chunk) {
            if (lead.isValid() && lead.dedupeKey() != null) {
                keys.add(lead.dedupeKey());
            }
        }
        if (keys.isEmpty()) {
            return chunk;
        }
        Instant since = withinDays == null ? null : clock.instant().minus(Duration.ofDays(withinDays));
        Map<String, Prior> loaded = history.findLoaded(scopeKey, keys, since);
        if (loaded.isEmpty()) {
            return chunk;
        }
        List<Lead> result = new ArrayList<>(chunk.size());
        for (Lead lead : chunk) {
            Prior first = lead.isValid() && lead.dedupeKey() != null ? loaded.get(lead.dedupeKey()) : null;
            result.add(first == null ? lead : lead.duplicate(lead.where() + ": " + said(first), first.where()));
        }
        return result;
    }

    private String said(Prior first) {
        String scope = scopeKey.replace(':', ' ') + (withinDays == null ? "" : " within " + withinDays + " days");
        if (first.failed()) {
            // Not created: the earlier run still holds the lead, and its rerun sends it.
            return "the same " + keyDescription + " as a lead of an earlier load into " + scope + " (" + first.where()
                    + ") that failed and was not created; send it with: leadloader rerun-failed " + first.execution();
        }
        return "already loaded into " + scope + " (" + first.where() + ", same " + keyDescription + ")";
    }
}
