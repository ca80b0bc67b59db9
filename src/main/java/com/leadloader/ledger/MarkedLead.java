package com.leadloader.ledger;

import com.leadloader.lead.Lead;

/**
 * A valid lead with the load marker it is created under. The marker is recorded before the
 * request is sent and never changes, so a record found by it in ContactNow is this lead.
 */
public record MarkedLead(Lead lead, String marker) {

    /**
     * The marker prefix shared by the leads of one create request: {@code LL<ledger>-<group>-<tag>.<request>.}
     * ({@code LL<chunk>.} for markers of releases before key groups).
     */
    public String chunkPrefix() {
        return chunkPrefixOf(marker);
    }

    /** {@link #chunkPrefix()} of a marker. */
    public static String chunkPrefixOf(String marker) {
        return marker.substring(0, marker.lastIndexOf('.') + 1);
    }

    /** The marker prefix shared by a group of requests whose keys are read back at once: up to the first dot. */
    public String groupPrefix() {
        return marker.substring(0, marker.indexOf('.') + 1);
    }
}
