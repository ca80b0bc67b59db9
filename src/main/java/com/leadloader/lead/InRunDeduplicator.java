package com.leadloader.lead;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds duplicates within one run: the first VALID lead with a key wins, later ones become
 * DUPLICATE pointing at its row ({@code leads.csv row 12}). Remembers only a 64-bit hash of each key
 * and the first row's position (about 16 to 32 bytes a lead), never whole leads.
 *
 * <p>Not thread-safe: "first" means first to be processed, so call it from one thread (or under a
 * lock) in source order.
 */
public final class InRunDeduplicator {

    private static final int ORIGIN_BITS = 16;
    private static final long POSITION_MASK = (1L << (64 - ORIGIN_BITS)) - 1;

    private final PositionTable firstSeen = new PositionTable(1 << 16);
    private final List<String> origins = new ArrayList<>();
    private final Map<String, Integer> originIndex = new HashMap<>();
    private final String keyDescription;

    /** @param keyDescription what keys are made of, for messages: {@code phone}, {@code phone and email} */
    public InRunDeduplicator(String keyDescription) {
        this.keyDescription = keyDescription;
    }

    /** The lead, DUPLICATE when a VALID lead with the same key came before it in this run. */
    public Lead process(Lead lead) {
        if (!lead.isValid() || lead.dedupeKey() == null) {
            return lead;
        }
        long here = encode(lead);
        long first = firstSeen.putIfAbsent(DedupeKeys.hash64(lead.dedupeKey()), here);
        if (first == here) {
            return lead;
        }
        String firstRow = decode(first);
        return lead.duplicate(lead.where() + ": duplicate of " + firstRow + " (same " + keyDescription + ")",
                firstRow);
    }

    /** What {@link #touch} read, kept so that its reads are made. */
    private long touched;

    /**
     * Brings the table's slots for these leads' keys into the CPU cache together, ahead of
     * {@link #process} for each: at a million keys a look-up is a cache miss, and misses taken
     * together overlap. Changes nothing.
     */
    public void touch(Lead[] leads) {
        long[] hashes = new long[leads.length];
        int n = 0;
        for (Lead lead : leads) {
            if (lead.isValid() && lead.dedupeKey() != null) {
                hashes[n++] = DedupeKeys.hash64(lead.dedupeKey());
            }
        }
        touched += firstSeen.touch(hashes, n);
    }

    /** How many distinct keys this run has seen. */
    public int distinctKeys() {
        return firstSeen.size();
    }

    private long encode(Lead lead) {
        String origin = lead.row().origin();
        Integer index = originIndex.get(origin);
        if (index == null) {
            index = origins.size();
            if (index >= 1 << ORIGIN_BITS) {
                throw new IllegalStateException("more than 65536 source files in one run");
            }
            origins.add(origin);
            originIndex.put(origin, index);
        }
        return ((long) index << (64 - ORIGIN_BITS)) | (lead.row().position() & POSITION_MASK);
    }

    private String decode(long value) {
        int index = (int) (value >>> (64 - ORIGIN_BITS));
        return origins.get(index) + " row " + (value & POSITION_MASK);
    }
}
